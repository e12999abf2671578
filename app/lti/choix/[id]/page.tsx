import type { Metadata } from 'next';
import { listAssignable } from '@/server/classes/assignable-content';
import { courseContent } from '@/server/classes/course-content';
import { getServices } from '@/server/services';
import { AccessDenied } from '../../../_components/access-denied';
import { requirePageUser } from '../../../_lib/page-caller';
import { isUuid } from '../../../_lib/is-uuid';
import { DeepLinkPicker } from '../../_components/lti-deep-link-picker';

export const metadata: Metadata = { title: 'Choisir une activité Dockyard' };
export const dynamic = 'force-dynamic';

/** Deep linking: the instructor picks what the LMS's new activity opens. */
export default async function DeepLinkChoicePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageUser(`/lti/choix/${id}`);
  if (!isUuid(id)) return <AccessDenied title="Choix introuvable" message="Relancez l’ajout d’activité depuis votre plateforme de cours." />;
  const { platformName } = await getServices().lti.deepLinking.pending(user, id).catch(() => ({ platformName: null }));
  if (!platformName) return <AccessDenied title="Choix introuvable" message="Ce choix a expiré ou a déjà servi : relancez l’ajout d’activité depuis votre plateforme de cours." />;
  const items = await listAssignable(courseContent);
  return (
    <div className="container">
      <section className="panel">
        <h1>Ajouter une activité Dockyard</h1>
        <p className="panel-lead">Choisissez ce que l’activité ouvrira dans {platformName}. Un lab y crée une colonne de notes, remplie après chaque vérification.</p>
        <DeepLinkPicker requestId={id} items={items} />
      </section>
    </div>
  );
}
