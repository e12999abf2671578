import { headers } from 'next/headers';
import { getServices } from '@/server/services';
import { toolOrigin, toolUrls } from '@/server/lti/tool-urls';
import { CopyButton } from '../../_components/copy-button';
import { LocalDate } from '../../_components/local-date';
import { serverDictionary } from '../../_i18n/server-locale';
import { LtiPlatformForm, LtiRemovePlatform, LtiRotateKey } from './lti-platform-controls';

/** Dockyard's addresses, in the order the LMS's registration screen asks for them. */
const TOOL_FIELDS = ['login', 'launch', 'deepLinking', 'jwks'] as const;

/** LTI 1.3 (docs/lti.md): Dockyard's addresses to paste into the LMS, its key, and the platforms registered. */
export async function LtiPlatformsPanel() {
  const requestHeaders = await headers();
  const { lti, site } = getServices();
  const urls = toolUrls(toolOrigin({ url: `http://${requestHeaders.get('host') ?? 'localhost'}/`, headers: requestHeaders }, site));
  const [platforms, key] = await Promise.all([lti.platforms.list(), lti.keys.info()]);
  const { admin, classes, copyButton } = await serverDictionary();
  const words = admin.lti;
  return (
    <section className="panel" aria-labelledby="lti" data-testid="lti-panel">
      <h2 id="lti">{words.title}</h2>
      <p className="panel-lead">{words.lead}</p>
      <dl>
        {TOOL_FIELDS.map((field) => (
          <div key={field}>
            <dt>{words.toolUrls[field]}</dt>
            <dd>
              <code data-testid={`lti-url-${field}`}>{urls[field]}</code> <CopyButton text={urls[field]} label={copyButton.copy} of={words.toolUrls[field]} />
            </dd>
          </div>
        ))}
      </dl>
      <p>
        {words.signingKey} <code>{key.kid}</code>, {words.keyCreatedOn} <LocalDate iso={key.createdAt} format="date" /> {words.keyPrevious} <LtiRotateKey />
      </p>
      {platforms.length === 0 ? (
        <p className="empty-state">{words.none}</p>
      ) : (
        <table className="data-table" data-testid="lti-platforms">
          <thead>
            <tr>
              <th scope="col">{words.columns.name}</th>
              <th scope="col">{words.columns.issuer}</th>
              <th scope="col">{words.columns.clientId}</th>
              <th scope="col">{words.columns.deploymentIds}</th>
              <th scope="col">
                <span className="visually-hidden">{classes.columns.actions}</span>
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
      <h3>{words.registerTitle}</h3>
      <LtiPlatformForm />
    </section>
  );
}
