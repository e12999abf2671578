import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getServices } from '@/server/services';
import { isUuid } from '../../../_lib/is-uuid';
import { orNotFoundPage } from '../../../_lib/or-not-found';
import { requirePageUser } from '../../../_lib/page-caller';
import { PageHeading } from '../../../_components/page-heading';
import { serverDictionary } from '../../../_i18n/server-locale';
import { ResultsDashboard } from './_components/results-dashboard';
import styles from './results.module.css';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await serverDictionary()).results.metaTitle };
}

interface ResultsPageProps {
  params: Promise<{ id: string }>;
}

/** The class dashboard: its instructor's (or an admin's); a student or another instructor gets a 404. */
export default async function ResultsPage({ params }: ResultsPageProps) {
  const { id } = await params;
  const user = await requirePageUser(`/classes/${id}/resultats`);
  if (!isUuid(id)) notFound();
  const [dashboard, words] = await Promise.all([orNotFoundPage(getServices().results.dashboard(user, id)), serverDictionary()]);
  const { results } = dashboard;
  return (
    <div className={`container ${styles.page}`}>
      <p>
        <Link href={`/classes/${id}`}>← {results.className}</Link>
      </p>
      <PageHeading eyebrow={words.classes.eyebrow} title={words.results.title(results.className)} lead={words.results.lead} />
      <ResultsDashboard initial={dashboard} />
    </div>
  );
}
