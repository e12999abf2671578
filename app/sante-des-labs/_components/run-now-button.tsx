'use client';

import { InlineError } from '../../_components/inline-error';
import { useDictionary } from '../../_i18n/locale-provider';
import { requestJson } from '../../_lib/request-json';
import { useApiAction } from '../../_lib/use-api-action';

/** « Lancer maintenant » (admins): the run goes on in the background, the page reloads its data. */
export function RunNowButton({ disabled }: { disabled: boolean }) {
  const { labHealth: words } = useDictionary();
  const { busy, error, run } = useApiAction();
  const start = () =>
    requestJson('/api/admin/lab-health', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });

  return (
    <span>
      <button type="button" className="button button--primary" onClick={() => void run(start)} disabled={busy || disabled}>
        {busy && <span className="spinner" aria-hidden="true" />}
        {words.runNow}
      </button>
      <InlineError error={error} />
    </span>
  );
}
