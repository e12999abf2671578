import { headers } from 'next/headers';
import { getServices } from '@/server/services';
import { toolOrigin, toolUrls } from '@/server/lti/tool-urls';
import { CopyButton } from '../../_components/copy-button';
import { LocalDate } from '../../_components/local-date';
import { LtiPlatformForm, LtiRemovePlatform, LtiRotateKey } from './lti-platform-controls';

const TOOL_FIELDS = [
  ['login', 'URL de connexion (login initiation / OpenID Connect)'],
  ['launch', 'URL de lancement (redirection, target link URI)'],
  ['deepLinking', 'URL de deep linking (choix d’activité)'],
  ['jwks', 'URL du JWKS (clés publiques de Dockyard)'],
] as const;

/** LTI 1.3 (docs/lti.md): Dockyard's addresses to paste into the LMS, its key, and the platforms registered. */
export async function LtiPlatformsPanel() {
  const requestHeaders = await headers();
  const { lti, site } = getServices();
  const urls = toolUrls(toolOrigin({ url: `http://${requestHeaders.get('host') ?? 'localhost'}/`, headers: requestHeaders }, site));
  const [platforms, key] = await Promise.all([lti.platforms.list(), lti.keys.info()]);
  return (
    <section className="panel" aria-labelledby="lti" data-testid="lti-panel">
      <h2 id="lti">Plateformes de cours (LTI 1.3)</h2>
      <p className="panel-lead">
        Moodle, Canvas ou une autre plateforme ouvre Dockyard depuis ses cours, et reçoit les notes des labs. Donnez-lui ces adresses, puis enregistrez ici
        ce qu’elle vous donne en retour.
      </p>
      <dl>
        {TOOL_FIELDS.map(([field, label]) => (
          <div key={field}>
            <dt>{label}</dt>
            <dd>
              <code data-testid={`lti-url-${field}`}>{urls[field]}</code> <CopyButton text={urls[field]} label="Copier" />
            </dd>
          </div>
        ))}
      </dl>
      <p>
        Clé de signature <code>{key.kid}</code>, créée le <LocalDate iso={key.createdAt} format="date" /> (la précédente reste publiée jusqu’au
        renouvellement suivant). <LtiRotateKey />
      </p>
      {platforms.length === 0 ? (
        <p className="empty-state">Aucune plateforme enregistrée.</p>
      ) : (
        <table className="data-table" data-testid="lti-platforms">
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Issuer</th>
              <th scope="col">Client id</th>
              <th scope="col">Deployment ids</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {platforms.map((platform) => (
              <tr key={platform.id}>
                <td>{platform.name}</td>
                <td>{platform.issuer}</td>
                <td>{platform.clientId}</td>
                <td>{platform.deploymentIds.join(', ')}</td>
                <td>
                  <LtiRemovePlatform id={platform.id} name={platform.name} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Enregistrer une plateforme</h3>
      <LtiPlatformForm />
    </section>
  );
}
