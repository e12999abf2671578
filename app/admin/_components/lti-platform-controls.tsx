'use client';

import { useRouter } from 'next/navigation';
import { ErrorAlert } from '../../_components/error-alert';
import { useDictionary } from '../../_i18n/locale-provider';
import { requestJson } from '../../_lib/request-json';
import { useApiAction } from '../../_lib/use-api-action';
import { textOf, useFormAction } from '../../_lib/use-form-action';

/** The form's fields, in the order the LMS's registration screen lists them. */
const FIELDS = ['name', 'issuer', 'clientId', 'deploymentIds', 'authUrl', 'tokenUrl', 'jwksUrl'] as const;
type Field = (typeof FIELDS)[number];

const JSON_POST = { method: 'POST', headers: { 'content-type': 'application/json' } } as const;

/** What the LMS gave Dockyard: registered, or the server's reason why not, beside the form. */
export function LtiPlatformForm() {
  const router = useRouter();
  const { fields, placeholders: examples, register } = useDictionary().admin.lti;
  // Not every field has an example (the client id is the LMS's own).
  const placeholders: Partial<Record<Field, string>> = examples;
  const { busy, ready, alert, dismissAlert, onSubmit } = useFormAction(async (form) => {
    const input = Object.fromEntries(FIELDS.map((name) => [name, textOf(form, name)]));
    const deploymentIds = (input.deploymentIds ?? '').split(',').map((id) => id.trim()).filter(Boolean);
    await requestJson('/api/lti/platforms', { ...JSON_POST, body: JSON.stringify({ ...input, deploymentIds }) });
    router.refresh();
  });
  return (
    <form onSubmit={(event) => void onSubmit(event)} data-testid="lti-platform-form">
      {FIELDS.map((name) => (
        <div className="field" key={name}>
          <label htmlFor={`lti-${name}`}>{fields[name]}</label>
          <input className="input" id={`lti-${name}`} name={name} required placeholder={placeholders[name]} />
        </div>
      ))}
      <button type="submit" className="button button--primary" disabled={busy || !ready}>
        {register}
      </button>
      {alert && <ErrorAlert alert={alert} onDismiss={dismissAlert} />}
    </form>
  );
}

export function LtiRemovePlatform({ id, name }: { id: string; name: string }) {
  const { admin } = useDictionary();
  const { busy, error, run } = useApiAction();
  const remove = () => {
    if (window.confirm(admin.lti.confirmRemove(name))) {
      void run(() => requestJson(`/api/lti/platforms/${id}`, { method: 'DELETE' }));
    }
  };
  return (
    <>
      <button type="button" className="button button--danger button--small" disabled={busy} onClick={remove}>
        {admin.delete}
      </button>
      {error && <span role="alert">{error}</span>}
    </>
  );
}

export function LtiRotateKey() {
  const { rotateKey } = useDictionary().admin.lti;
  const { busy, error, run } = useApiAction();
  return (
    <>
      <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => void run(() => requestJson('/api/lti/keys', { ...JSON_POST, body: '{}' }))}>
        {rotateKey}
      </button>
      {error && <span role="alert">{error}</span>}
    </>
  );
}
