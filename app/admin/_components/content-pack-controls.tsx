'use client';

import { useRouter } from 'next/navigation';
import { useRef } from 'react';
import { ErrorAlert } from '../../_components/error-alert';
import { InlineError } from '../../_components/inline-error';
import { useDictionary } from '../../_i18n/locale-provider';
import { requestJson } from '../../_lib/request-json';
import { useApiAction } from '../../_lib/use-api-action';
import { textOf, useFormAction } from '../../_lib/use-form-action';
import styles from './content-packs.module.css';

/** The name is the pack's namespace (server/content/packs/pack-registry.ts, PACK_ID_PATTERN). */
const NAME_PATTERN = '[a-z0-9\\-]{1,40}';

/** A folder of the server or a git repository: added, then checked (or cloned) before the answer comes back. */
export function ContentPackForm() {
  const router = useRouter();
  const { fields, hints, placeholders, add } = useDictionary().admin.packs;
  const formRef = useRef<HTMLFormElement>(null);
  const { busy, ready, alert, dismissAlert, onSubmit } = useFormAction(async (form) => {
    const body = { id: textOf(form, 'id').trim(), location: textOf(form, 'location').trim() };
    await requestJson('/api/admin/packs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    formRef.current?.reset();
    router.refresh();
  });
  return (
    <form ref={formRef} className={styles.form} onSubmit={(event) => void onSubmit(event)} data-testid="content-pack-form">
      <div className="field">
        <label htmlFor="pack-id">{fields.id}</label>
        <input className="input" id="pack-id" name="id" required pattern={NAME_PATTERN} placeholder={placeholders.id} aria-describedby="pack-id-hint" />
        <p className="field-hint" id="pack-id-hint">
          {hints.id}
        </p>
      </div>
      <div className="field">
        <label htmlFor="pack-location">{fields.location}</label>
        <input className="input" id="pack-location" name="location" required maxLength={500} placeholder={placeholders.location} aria-describedby="pack-location-hint" />
        <p className="field-hint" id="pack-location-hint">
          {hints.location}
        </p>
      </div>
      <div>
        <button type="submit" className="button button--primary" disabled={busy || !ready}>
          {add}
        </button>
      </div>
      {alert && <ErrorAlert alert={alert} onDismiss={dismissAlert} />}
    </form>
  );
}

/** « Mettre à jour maintenant »: a git pack is fetched and checked, a folder checked again. */
export function ContentPackPull({ id }: { id: string }) {
  const { pull, pullOf } = useDictionary().admin.packs;
  const { busy, error, run } = useApiAction();
  return (
    <span className={styles.control}>
      <button
        type="button"
        className="button button--secondary button--small"
        aria-label={pullOf(id)}
        disabled={busy}
        onClick={() => void run(() => requestJson(`/api/admin/packs/${id}/pull`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }))}
      >
        {pull}
      </button>
      <InlineError error={error} />
    </span>
  );
}

/** Only for admins' packs: DOCKYARD_CONTENT's are the operator's to change. */
export function ContentPackRemove({ id }: { id: string }) {
  const { remove, removeOf, confirmRemove } = useDictionary().admin.packs;
  const { busy, error, run } = useApiAction();
  const confirmAndRemove = () => {
    if (window.confirm(confirmRemove(id))) void run(() => requestJson(`/api/admin/packs/${id}`, { method: 'DELETE' }));
  };
  return (
    <span className={styles.control}>
      <button type="button" className="button button--danger button--small" aria-label={removeOf(id)} disabled={busy} onClick={confirmAndRemove}>
        {remove}
      </button>
      <InlineError error={error} />
    </span>
  );
}
