import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { loadLab } from '@/server/content/lab';
import { getServices } from '@/server/services';
import { PageHeading } from '../../../../_components/page-heading';
import { serverDictionary } from '../../../../_i18n/server-locale';
import { isUuid } from '../../../../_lib/is-uuid';
import { orNotFoundPage } from '../../../../_lib/or-not-found';
import { requirePageUser } from '../../../../_lib/page-caller';
import { RecordingPlayer } from './_components/recording-player';
import styles from './recording.module.css';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await serverDictionary()).recording.metaTitle };
}

interface RecordingPageProps {
  params: Promise<{ id: string; sessionId: string }>;
}

/**
 * An instructor replays a student's lab terminal, with a mark at each check, hint, solution
 * and pause. The same people as the dashboard's drill-down get here (the class's instructor,
 * an admin), for a session of one of its students that was recorded; anyone else gets a 404.
 */
export default async function RecordingPage({ params }: RecordingPageProps) {
  const { id, sessionId } = await params;
  const user = await requirePageUser(`/classes/${id}/enregistrement/${sessionId}`);
  if (!isUuid(id) || !isUuid(sessionId)) notFound();
  const { recordings } = getServices();
  const [replay, { recording: words }] = await Promise.all([orNotFoundPage(recordings.replay(user, id, sessionId)), serverDictionary()]);
  const labTitle = await loadLab(replay.lab).then((lab) => lab.title, () => replay.lab);
  return (
    <div className={`container ${styles.page}`}>
      <p>
        <Link href={`/classes/${id}/resultats`}>{words.backToDashboard}</Link>
      </p>
      <PageHeading eyebrow={words.eyebrow} title={`${replay.student.name} — ${labTitle}`} lead={words.lead(recordings.keepDays)} />
      {replay.nodes.length === 0 ? <p className="empty-state">{words.none}</p> : <RecordingPlayer classId={id} replay={replay} />}
    </div>
  );
}
