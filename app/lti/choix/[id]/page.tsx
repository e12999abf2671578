import type { Metadata } from 'next';
import { listAssignable } from '@/server/classes/assignable-content';
import { courseContent } from '@/server/classes/course-content';
import { getServices } from '@/server/services';
import { AccessDenied } from '../../../_components/access-denied';
import { serverDictionary } from '../../../_i18n/server-locale';
import { requirePageUser } from '../../../_lib/page-caller';
import { isUuid } from '../../../_lib/is-uuid';
import { DeepLinkPicker } from '../../_components/lti-deep-link-picker';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await serverDictionary()).lti.pickerMetaTitle };
}

export const dynamic = 'force-dynamic';

/** Deep linking: the instructor picks what the LMS's new activity opens. */
export default async function DeepLinkChoicePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageUser(`/lti/choix/${id}`);
  const { lti: words } = await serverDictionary();
  if (!isUuid(id)) return <AccessDenied title={words.pickerNotFound} message={words.pickerBadLink} />;
  const { platformName } = await getServices().lti.deepLinking.pending(user, id).catch(() => ({ platformName: null }));
  if (!platformName) return <AccessDenied title={words.pickerNotFound} message={words.pickerExpired} />;
  const items = await listAssignable(courseContent);
  return (
    <div className="container">
      <section className="panel">
        <h1>{words.pickerTitle}</h1>
        <p className="panel-lead">{words.pickerLead(platformName)}</p>
        <DeepLinkPicker requestId={id} items={items} />
      </section>
    </div>
  );
}
