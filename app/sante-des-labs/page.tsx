import type { Metadata } from 'next';
import { getServices } from '@/server/services';
import { AccessDenied } from '../_components/access-denied';
import { LocalDate } from '../_components/local-date';
import { PageHeading } from '../_components/page-heading';
import { serverDictionary } from '../_i18n/server-locale';
import { requirePageUser } from '../_lib/page-caller';
import { PackHealthTable } from './_components/pack-health-table';
import { ColumnHeads } from './_components/column-heads';
import { RunNowButton } from './_components/run-now-button';
import styles from './lab-health.module.css';

const runColumns = ['startedAt', 'trigger', 'state', 'passed', 'failed', 'postponed'] as const;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await serverDictionary()).labHealth.metaTitle };
}

export default async function LabHealthPage() {
  const user = await requirePageUser('/sante-des-labs');
  const { labHealth: words } = await serverDictionary();
  const view = await getServices().labHealth.view(user);
  if (!view) return <AccessDenied title={words.deniedTitle} message={words.deniedText} />;
  const testedLabs = view.packs.reduce((sum, pack) => sum + pack.labs.filter((lab) => lab.lastTested).length, 0);
  const running = view.runs.find((run) => run.state === 'running');

  return (
    <div className={`container ${styles.page}`}>
      <PageHeading
        eyebrow={words.eyebrow}
        title={words.metaTitle}
        lead={view.schedule === 'off' ? words.leadOff : words.lead(view.schedule)}
        actions={view.canRun ? <RunNowButton disabled={Boolean(running)} /> : undefined}
      />

      <p role="status" className={styles.summary} data-testid="lab-health-summary">
        {words.summary(view.failing, testedLabs)}
        {running && <> {words.runningNow}</>}
      </p>

      {view.packs.map((pack) => (
        <section key={pack.id} className={`panel ${styles.section}`} aria-labelledby={`paquet-${pack.id}`}>
          <h2 id={`paquet-${pack.id}`}>{words.packTitle(pack.title, pack.id)}</h2>
          <PackHealthTable pack={pack} words={words} />
        </section>
      ))}

      <section className={`panel ${styles.section}`} aria-labelledby="passages">
        <h2 id="passages">{words.runsTitle}</h2>
        {view.runs.length === 0 ? (
          <p className="empty-state">{words.noRun}</p>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">{words.runsCaption}</caption>
            <ColumnHeads labels={runColumns.map((column) => words.runColumns[column])} />
            <tbody>
              {view.runs.map((run) => (
                <tr key={run.id}>
                  <td>
                    <LocalDate iso={run.startedAt} />
                  </td>
                  <td>{words.triggers[run.trigger] ?? run.trigger}</td>
                  <td>{words.runStates[run.state]}</td>
                  <td>{run.passed}</td>
                  <td>{run.failed}</td>
                  <td>{run.postponed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
