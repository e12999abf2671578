import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { getServices } from '@/server/services';
import { isUuid } from '../../_lib/is-uuid';
import { orNotFoundPage } from '../../_lib/or-not-found';
import { requirePageUser } from '../../_lib/page-caller';
import { JoinedClass } from './_components/joined-class';
import { ManagedClass } from './_components/managed-class';

interface ClassPageProps {
  params: Promise<{ id: string }>;
}

/** The class as the caller may see it; metadata and page share one database read. */
const loadClass = cache(async (id: string) => {
  const user = await requirePageUser(`/classes/${id}`);
  if (!isUuid(id)) notFound();
  return orNotFoundPage(getServices().classes.view(user, id));
});

export async function generateMetadata({ params }: ClassPageProps): Promise<Metadata> {
  const view = await loadClass((await params).id);
  return { title: view.as === 'manager' ? view.managed.name : view.joined.name };
}

/** Its instructor (or an admin) manages the class here; a member sees its assignments; anyone else a 404. */
export default async function ClassPage({ params }: ClassPageProps) {
  const view = await loadClass((await params).id);
  if (view.as === 'member') return <JoinedClass joined={view.joined} />;
  const user = await requirePageUser(`/classes/${view.managed.id}`);
  const [assignable, tokens] = await Promise.all([getServices().classes.assignable(), getServices().graderTokens.list(user, view.managed.id)]);
  return <ManagedClass managed={view.managed} assignable={assignable} tokens={tokens} />;
}
