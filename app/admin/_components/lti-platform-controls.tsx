'use client';

import { useRouter } from 'next/navigation';
import { ErrorAlert } from '../../_components/error-alert';
import { requestJson } from '../../_lib/request-json';
import { useApiAction } from '../../_lib/use-api-action';
import { textOf, useFormAction } from '../../_lib/use-form-action';

const FIELDS = [
  ['name', 'Nom', 'Moodle de l’université'],
  ['issuer', 'Issuer (iss)', 'https://moodle.exemple.fr'],
  ['clientId', 'Client id', ''],
  ['deploymentIds', 'Deployment id(s), séparés par des virgules', '1'],
  ['authUrl', 'URL d’authentification OIDC', 'https://moodle.exemple.fr/mod/lti/auth.php'],
  ['tokenUrl', 'URL des jetons OAuth2', 'https://moodle.exemple.fr/mod/lti/token.php'],
  ['jwksUrl', 'URL du JWKS de la plateforme', 'https://moodle.exemple.fr/mod/lti/certs.php'],
] as const;

const JSON_POST = { method: 'POST', headers: { 'content-type': 'application/json' } } as const;

/** What the LMS gave Dockyard: registered, or the server's reason why not, beside the form. */
export function LtiPlatformForm() {
  const router = useRouter();
  const { busy, ready, alert, dismissAlert, onSubmit } = useFormAction(async (form) => {
    const input = Object.fromEntries(FIELDS.map(([name]) => [name, textOf(form, name)]));
    const deploymentIds = (input.deploymentIds ?? '').split(',').map((id) => id.trim()).filter(Boolean);
    await requestJson('/api/lti/platforms', { ...JSON_POST, body: JSON.stringify({ ...input, deploymentIds }) });
    router.refresh();
  });
  return (
    <form onSubmit={(event) => void onSubmit(event)} data-testid="lti-platform-form">
      {FIELDS.map(([name, label, placeholder]) => (
        <div className="field" key={name}>
          <label htmlFor={`lti-${name}`}>{label}</label>
          <input className="input" id={`lti-${name}`} name={name} required placeholder={placeholder} />
        </div>
      ))}
      <button type="submit" className="button button--primary" disabled={busy || !ready}>
        Enregistrer la plateforme
      </button>
      {alert && <ErrorAlert alert={alert} onDismiss={dismissAlert} />}
    </form>
  );
}

export function LtiRemovePlatform({ id, name }: { id: string; name: string }) {
  const { busy, error, run } = useApiAction();
  const remove = () => {
    if (window.confirm(`Supprimer « ${name} » ? Ses lancements seront refusés ; ses comptes et classes restent.`)) {
      void run(() => requestJson(`/api/lti/platforms/${id}`, { method: 'DELETE' }));
    }
  };
  return (
    <>
      <button type="button" className="button button--danger button--small" disabled={busy} onClick={remove}>
        Supprimer
      </button>
      {error && <span role="alert">{error}</span>}
    </>
  );
}

export function LtiRotateKey() {
  const { busy, error, run } = useApiAction();
  return (
    <>
      <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => void run(() => requestJson('/api/lti/keys', { ...JSON_POST, body: '{}' }))}>
        Renouveler la clé
      </button>
      {error && <span role="alert">{error}</span>}
    </>
  );
}
