import { headers } from 'next/headers';
import type { PackIssue, PackStatus } from '@/server/content/packs/pack-manager';
import { BUILTIN_PACK, loadCourse } from '@/server/content/page-content';
import { toolOrigin } from '@/server/lti/tool-urls';
import { getServices } from '@/server/services';
import { CopyButton } from '../../_components/copy-button';
import { LocalDate } from '../../_components/local-date';
import type { Dictionary } from '../../_i18n/fr';
import { serverDictionary } from '../../_i18n/server-locale';
import { ContentPackForm, ContentPackPull, ContentPackRemove } from './content-pack-controls';
import styles from './content-packs.module.css';

type Words = Dictionary['admin']['packs'];

const COLUMNS = ['name', 'course', 'source', 'state', 'version', 'actions'] as const;
/** Commits as git shows them in one line. */
const shortCommit = (commit: string) => commit.slice(0, 7);
const problemsId = (id: string) => `paquet-${id}-problemes`;
const errorCount = (pack: PackStatus) => pack.issues.filter((issue) => issue.severity === 'error').length;
const hasProblems = (pack: PackStatus) => pack.issues.length > 0 || pack.refusedVersion !== null || pack.message !== null;

/** The state in words: a pack can be served while its last update failed, or (a folder) with errors. */
function stateOf(pack: PackStatus): keyof Words['states'] {
  if (pack.state === 'unavailable') return 'unavailable';
  if (pack.refusedVersion !== null || pack.message !== null) return 'servedNotUpdated';
  return errorCount(pack) > 0 ? 'servedWithErrors' : 'served';
}

/**
 * Content packs (issue 16): the built-in course, then DOCKYARD_CONTENT's packs and admins',
 * each with the version served and why an update was refused; adding and removing admins'
 * packs, and the webhook a git server calls on push.
 */
export async function ContentPacksPanel() {
  const requestHeaders = await headers();
  const { packs, site } = getServices();
  const [builtin, { admin, copyButton }] = await Promise.all([loadCourse(), serverDictionary()]);
  const words = admin.packs;
  const statuses = packs.statuses();
  const origin = toolOrigin({ url: `http://${requestHeaders.get('host') ?? 'localhost'}/`, headers: requestHeaders }, site);
  const gitPacks = statuses.filter((pack) => pack.kind === 'git');
  return (
    <section className="panel" aria-labelledby="paquets" data-testid="content-packs-panel">
      <h2 id="paquets">{words.title}</h2>
      <p className="panel-lead">{words.lead}</p>
      <div className={styles.scroll}>
        <table className="data-table" data-testid="content-packs">
          <caption className="visually-hidden">{words.caption}</caption>
          <thead>
            <tr>
              {COLUMNS.map((column) => (
                <th scope="col" key={column}>
                  {column === 'actions' ? <span className="visually-hidden">{words.columns.actions}</span> : words.columns[column]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr data-pack={BUILTIN_PACK}>
              <th scope="row" className="row-header">
                {words.builtinName}
                <span className={styles.labs}>
                  {words.labsAt} <code>/labs/&lt;lab&gt;</code>
                </span>
              </th>
              <td>{builtin.title}</td>
              <td>
                <code>content/</code>
                <span className={styles.detail}>{words.builtinOrigin}</span>
              </td>
              <td>
                <span className="badge badge--success">{words.states.served}</span>
              </td>
              <td className={styles.muted}>{words.builtinVersion}</td>
              <td className={styles.muted}>{words.builtinKept}</td>
            </tr>
            {statuses.map((pack) => (
              <PackRow key={pack.id} pack={pack} words={words} />
            ))}
          </tbody>
        </table>
      </div>
      {statuses.length === 0 && <p className="empty-state">{words.none}</p>}
      {statuses.filter(hasProblems).map((pack) => (
        <PackProblems key={pack.id} pack={pack} words={words} />
      ))}
      {gitPacks.length > 0 && (
        <>
          <h3>{words.webhookTitle}</h3>
          <p>{words.webhookLead}</p>
          <dl data-testid="content-pack-webhooks">
            {gitPacks.map((pack) => {
              const url = `${origin}/api/content/packs/${pack.id}/pull`;
              return (
                <div key={pack.id}>
                  <dt>{words.webhookOf(pack.id)}</dt>
                  <dd>
                    <code>POST {url}</code> <CopyButton text={url} label={copyButton.copy} of={words.webhookOf(pack.id)} />
                  </dd>
                </div>
              );
            })}
          </dl>
          <p className={styles.muted}>{words.webhookSecret}</p>
        </>
      )}
      <h3>{words.addTitle}</h3>
      <ContentPackForm />
    </section>
  );
}

function PackRow({ pack, words }: { pack: PackStatus; words: Words }) {
  const state = stateOf(pack);
  return (
    <tr data-pack={pack.id}>
      <th scope="row" className="row-header">
        <code>{pack.id}</code>
        <span className={styles.labs}>
          {words.labsAt} <code>/labs/{pack.id}.&lt;lab&gt;</code>
        </span>
      </th>
      <td>{pack.title ?? <span className={styles.muted}>{words.noTitle}</span>}</td>
      <td>
        <span className={styles.detail}>{words.kinds[pack.kind]}</span>
        <code className={styles.location}>{pack.location}</code>
        <span className={styles.detail}>{words.origins[pack.origin]}</span>
      </td>
      <td>
        <span className={`badge ${state === 'served' ? 'badge--success' : 'badge--warning'}`}>{words.states[state]}</span>
        {hasProblems(pack) && (
          <a className={styles.problemsLink} href={`#${problemsId(pack.id)}`}>
            {words.seeProblems(errorCount(pack))}
          </a>
        )}
      </td>
      <td>
        {pack.kind === 'folder' ? (
          <span className={styles.muted}>{words.asOnDisk}</span>
        ) : pack.version ? (
          <>
            <code title={pack.version}>{shortCommit(pack.version)}</code>
            {pack.updatedAt && (
              <span className={styles.detail}>
                {words.since} <LocalDate iso={pack.updatedAt} />
              </span>
            )}
          </>
        ) : (
          <span className={styles.muted}>{words.noVersion}</span>
        )}
        <span className={styles.detail}>
          {words.checkedOn} {pack.checkedAt ? <LocalDate iso={pack.checkedAt} /> : words.never}
        </span>
      </td>
      <td>
        <div className={styles.actions}>
          <ContentPackPull id={pack.id} />
          {pack.origin === 'admin' ? <ContentPackRemove id={pack.id} /> : <span className={styles.muted}>{words.envKept}</span>}
        </div>
      </td>
    </tr>
  );
}

/** Why a pack is not (or not fully) served: the refused commit, git's failure, each content error where it is. */
function PackProblems({ pack, words }: { pack: PackStatus; words: Words }) {
  const titleId = `${problemsId(pack.id)}-titre`;
  const errors = errorCount(pack);
  const refused = pack.refusedVersion
    ? pack.version
      ? words.refused(shortCommit(pack.refusedVersion), shortCommit(pack.version))
      : words.refusedNothingServed(shortCommit(pack.refusedVersion))
    : null;
  // A folder is served with its errors; a git pack's errors are those of the refused commit (or warnings of the one served).
  const folderErrors = pack.kind === 'folder' && errors > 0 ? words.folderErrors : null;
  return (
    <section className={styles.problems} id={problemsId(pack.id)} aria-labelledby={titleId} data-testid={`content-pack-problems-${pack.id}`}>
      <h3 id={titleId}>{words.problemsTitle(pack.id)}</h3>
      {(refused || pack.message || folderErrors) && (
        <div className={styles.alert} role="alert">
          {refused && <p className={styles.alertMessage}>{refused}</p>}
          {pack.message && (
            <p className={styles.alertMessage}>
              {words.failed[pack.kind]} {pack.message}
            </p>
          )}
          {folderErrors && <p className={styles.alertMessage}>{folderErrors}</p>}
          {refused && <p>{words.fixAndPush}</p>}
        </div>
      )}
      {pack.issues.length > 0 && (
        <ul className={styles.issues} aria-label={words.issuesOf(pack.id)}>
          {pack.issues.map((issue, index) => (
            <li key={index} className={issue.severity === 'error' ? styles.error : styles.warning}>
              <span className={styles.severity}>{words.severities[issue.severity]}</span> <code>{where(issue)}</code> — {issue.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function where(issue: PackIssue): string {
  return issue.line === null ? issue.file : `${issue.file}:${issue.line}`;
}
