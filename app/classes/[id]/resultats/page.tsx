import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getServices } from '@/server/services';
import { isUuid } from '../../../_lib/is-uuid';
import { orNotFoundPage } from '../../../_lib/or-not-found';
import { requirePageUser } from '../../../_lib/page-caller';
import { PageHeading } from '../../../_components/page-heading';
import { ResultsDashboard } from './_components/results-dashboard';
import styles from './results.module.css';

export const metadata: Metadata = { title: 'Résultats de la classe' };

interface ResultsPageProps {
  params: Promise<{ id: string }>;
}

/** The class dashboard: its instructor's (or an admin's); a student or another instructor gets a 404. */
export default async function ResultsPage({ params }: ResultsPageProps) {
  const { id } = await params;
  const user = await requirePageUser(`/classes/${id}/resultats`);
  if (!isUuid(id)) notFound();
  const results = await orNotFoundPage(getServices().results.results(user, id));
  return (
    <div className={`container ${styles.page}`}>
      <p>
        <Link href={`/classes/${id}`}>← {results.className}</Link>
      </p>
      <PageHeading eyebrow="Classe" title={`Résultats — ${results.className}`} lead="Scores et avancement par étudiant. Cliquez sur une note pour le détail : les essais d’un lab (et le terminal en direct d’un étudiant en plein lab), les réponses d’un quiz." />
      <ResultsDashboard initial={results} />
    </div>
  );
}
