'use client';

import { useState } from 'react';
import { useDictionary } from '../../../_i18n/locale-provider';
import { requestJson } from '../../../_lib/request-json';
import { useApiAction } from '../../../_lib/use-api-action';

/** « Synchroniser avec le cours »: the LMS's active learners join the class (NRPS). */
export function LtiRosterButton({ classId }: { classId: string }) {
  const words = useDictionary().classes.lti;
  const { busy, error, run } = useApiAction();
  const [outcome, setOutcome] = useState<string | null>(null);
  const sync = () =>
    run(async () => {
      const { listed, added } = await requestJson<{ listed: number; added: number }>(`/api/lti/classes/${classId}/roster`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      setOutcome(words.synced(listed, added));
    });
  return (
    <p>
      <button type="button" className="button button--secondary" disabled={busy} onClick={() => void sync()}>
        {words.sync}
      </button>{' '}
      {outcome && <span role="status">{outcome}</span>}
      {error && <span role="alert">{error}</span>}
    </p>
  );
}
