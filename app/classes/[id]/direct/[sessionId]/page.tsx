import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { loadLab } from '@/server/content/lab';
import { getServices } from '@/server/services';
import type { SupervisedSession } from '@/server/supervision/supervision-service';
import { PageHeading } from '../../../../_components/page-heading';
import { isUuid } from '../../../../_lib/is-uuid';
import { isServiceNotFound } from '../../../../_lib/or-not-found';
import { requirePageUser } from '../../../../_lib/page-caller';
import { LiveView } from './_components/live-view';
import styles from './live-view.module.css';

export const metadata: Metadata = { title: 'Terminal en direct' };

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
  let supervised: SupervisedSession;
  try {
    supervised = await getServices().supervision.supervisedSession(user, sessionId, id);
  } catch (error) {
    if (!isServiceNotFound(error)) throw error;
    return (
      <div className={`container ${styles.page}`}>
        <PageHeading eyebrow="En direct" title="Session terminée" />
        <p className="empty-state">
          Cette session de lab n’est plus active : l’étudiant l’a terminée, ou elle a expiré. Son travail reste visible dans le{' '}
          <Link href={dashboard}>tableau de bord de la classe</Link>.
        </p>
      </div>
    );
  }
  const labTitle = await loadLab(supervised.lab).then((lab) => lab.title, () => supervised.lab);
  return (
    <div className={`container ${styles.page}`}>
      <p>
        <Link href={dashboard}>← Tableau de bord de la classe</Link>
      </p>
      <PageHeading
        eyebrow="En direct · lecture seule"
        title={`${supervised.student.name} — ${labTitle}`}
        lead="Vous voyez le terminal de l’étudiant tel qu’il le voit, au moment où il tape. Vous ne pouvez rien y écrire, et un bandeau lui indique que vous regardez."
      />
      <LiveView sessionId={supervised.sessionId} nodes={supervised.nodes} />
    </div>
  );
}
