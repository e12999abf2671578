import type { Metadata } from 'next';
import { cache } from 'react';
import { BUILTIN_PACK, courseHref, loadCourse, loadCourseOf, tryLoadLab } from '@/server/content/page-content';
import { getServices } from '@/server/services';
import { serverDictionary } from '../../_i18n/server-locale';
import { orNotFound } from '../../_lib/or-not-found';
import { pageCaller } from '../../_lib/page-caller';
import { LabUnavailable } from './_components/lab-unavailable';
import { LabWarningsNotice } from './_components/lab-warnings-notice';
import { LabWorkspace } from './_components/lab-workspace';
import { labPageContent } from './_lib/lab-page-content';
import { toLabView } from './_lib/lab-view';

interface LabPageProps {
  params: Promise<{ slug: string }>;
}

// A lab that cannot load is not an error of the page: it reads « lab indisponible » (no 500).
// A student whose session started on an earlier version of a git pack reads that version's
// steps, the ones their checks run (server/content/packs).
const getLab = cache(async (slug: string) => {
  const owner = (await pageCaller()).tryLabOwner();
  const version = owner ? await getServices().sessions.contentVersionOf(owner.id, slug) : null;
  return orNotFound(tryLoadLab(slug, { version }));
});

export async function generateStaticParams() {
  const course = await loadCourse();
  return course.chapters.flatMap((chapter) => (chapter.lab ? [{ slug: chapter.lab }] : []));
}

export async function generateMetadata({ params }: LabPageProps): Promise<Metadata> {
  const [availability, { lab: words }] = await Promise.all([getLab((await params).slug), serverDictionary()]);
  if (availability.status === 'unavailable') return { title: words.unavailable.title };
  return { title: words.metaTitle(availability.lab.title), description: availability.lab.description };
}

export default async function LabPage({ params }: LabPageProps) {
  const { slug } = await params;
  const [availability, course] = await Promise.all([getLab(slug), loadCourseOf(slug)]);
  const content = await labPageContent(availability, async () => (await pageCaller()).user?.role ?? null);
  if (content.kind === 'unavailable') return <LabUnavailable reason={content.reason} />;

  const chapter = course.chapters.find((candidate) => candidate.lab === slug);
  const lesson = chapter?.lesson ? { href: `/lecons/${chapter.lesson}`, title: chapter.title } : null;
  const notice = content.warnings.length > 0 ? <LabWarningsNotice warnings={content.warnings} /> : null;
  // Students are told their terminal is recorded, and for how long (0: it is not).
  const recordingDays = getServices().recordings.keepDays;
  const courseLink = { href: courseHref(course), title: course.pack === BUILTIN_PACK ? null : course.title };
  return <LabWorkspace lab={toLabView(content.lab)} lesson={lesson} course={courseLink} notice={notice} recordingDays={recordingDays} />;
}
