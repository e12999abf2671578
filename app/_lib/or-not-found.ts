import { notFound } from 'next/navigation';
import { ContentNotFoundError } from '@/server/content/page-content';

/** Missing content (or a slug that cannot exist) is a 404; any other content error is a bug to surface. */
export async function orNotFound<T>(loading: Promise<T>): Promise<T> {
  try {
    return await loading;
  } catch (error) {
    if (error instanceof ContentNotFoundError) notFound();
    throw error;
  }
}
