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

/** A service's 404 (a class that is not the caller's, say) is the page's 404. */
export async function orNotFoundPage<T>(loading: Promise<T>): Promise<T> {
  try {
    return await loading;
  } catch (error) {
    if (typeof error === 'object' && error !== null && (error as { status?: unknown }).status === 404) notFound();
    throw error;
  }
}
