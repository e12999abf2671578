import type { Metadata } from 'next';
import { cache } from 'react';
import { loadCourse, loadLab } from '@/server/content/page-content';
import { serverDictionary } from '../../_i18n/server-locale';
import { orNotFound } from '../../_lib/or-not-found';
import { LabWorkspace } from './_components/lab-workspace';
import { toLabView } from './_lib/lab-view';

interface LabPageProps {
  params: Promise<{ slug: string }>;
}

const getLab = cache((slug: string) => orNotFound(loadLab(slug)));

export async function generateStaticParams() {
  const course = await loadCourse();
  return course.chapters.flatMap((chapter) => (chapter.lab ? [{ slug: chapter.lab }] : []));
}

export async function generateMetadata({ params }: LabPageProps): Promise<Metadata> {
  const [lab, { lab: words }] = await Promise.all([getLab((await params).slug), serverDictionary()]);
  return { title: words.metaTitle(lab.title), description: lab.description };
}

export default async function LabPage({ params }: LabPageProps) {
  const { slug } = await params;
  const [lab, course] = await Promise.all([getLab(slug), loadCourse()]);
  const chapter = course.chapters.find((candidate) => candidate.lab === slug);
  const lesson = chapter?.lesson ? { href: `/lecons/${chapter.lesson}`, title: chapter.title } : null;
  return <LabWorkspace lab={toLabView(lab)} lesson={lesson} />;
}
