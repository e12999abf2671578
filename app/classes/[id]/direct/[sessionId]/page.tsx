import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { loadLab } from '@/server/content/lab';
import { getServices } from '@/server/services';
import type { SupervisedSession } from '@/server/supervision/supervision-service';
import { PageHeading } from '../../../../_components/page-heading';
import { serverDictionary } from '../../../../_i18n/server-locale';
import { isUuid } from '../../../../_lib/is-uuid';
import { isServiceNotFound } from '../../../../_lib/or-not-found';
import { requirePageUser } from '../../../../_lib/page-caller';
import { ClassActionButton } from '../../../_components/class-action-button';
import { LiveView } from './_components/live-view';
import styles from './live-view.module.css';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await serverDictionary()).liveView.metaTitle };
}

interface LiveViewPageProps {
  params: Promise<{ id: string; sessionId: string }>;
}

/**
 * An instructor watches a student's lab terminal, read-only, from the class dashboard. Only
 * the class's instructor (or an admin) gets here, for a running session of one of its
 * students; a session that ended says so, anything else is a 404.
 */
export default async function LiveViewPage({ params }: LiveViewPageProps) {
  const { id, sessionId } = await params;
  const user = await requirePageUser(`/classes/${id}/direct/${sessionId}`);
  if (!isUuid(id) || !isUuid(sessionId)) notFound();
  const dashboard = `/classes/${id}/resultats`;
  const { liveView: words } = await serverDictionary();
  let supervised: SupervisedSession;
  try {
    supervised = await getServices().supervision.supervisedSession(user, sessionId, id);
  } catch (error) {
    if (!isServiceNotFound(error)) throw error;
    return (
      <div className={`container ${styles.page}`}>
        <PageHeading eyebrow={words.liveEyebrow} title={words.endedTitle} />
        <p className="empty-state">
          {words.endedText} <Link href={dashboard}>{words.dashboardLink}</Link>.
        </p>
      </div>
    );
  }
  const labTitle = await loadLab(supervised.lab).then((lab) => lab.title, () => supervised.lab);
  const restorable = await getServices().sessions.pauses.restorableSteps(supervised.sessionId);
  return (
    <div className={`container ${styles.page}`}>
      <p>
        <Link href={dashboard}>{words.backToDashboard}</Link>
      </p>
      <PageHeading
        eyebrow={words.eyebrow}
        title={`${supervised.student.name} — ${labTitle}`}
        lead={words.lead}
      />
      <LiveView sessionId={supervised.sessionId} nodes={supervised.nodes} />
      <section className={styles.restore} aria-labelledby="restore-title">
        <h2 id="restore-title">{words.restoreTitle}</h2>
        {restorable.length === 0 ? (
          <p className="empty-state">{words.noRestore}</p>
        ) : (
          <>
            <p>{words.restoreText}</p>
            <ul className={styles.bar}>
              {restorable.map((step) => (
                <li key={step}>
                  <ClassActionButton
                    action={{ kind: 'restore-step', classId: id, sessionId: supervised.sessionId, step }}
                    label={words.restoreStep(step + 1)}
                    confirm={words.restoreConfirm(step + 1)}
                    variant="danger"
                  />
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}
