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

/**
 * A service's « not found » (status 404). Told by its status, not its class: pages are bundled
 * by Next apart from the services server/main.ts built, so `instanceof` would never match.
 */
export function isServiceNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { status?: unknown }).status === 404;
}

/** A service's 404 (a class that is not the caller's, say) is the page's 404. */
export async function orNotFoundPage<T>(loading: Promise<T>): Promise<T> {
  try {
    return await loading;
  } catch (error) {
    if (isServiceNotFound(error)) notFound();
    throw error;
  }
}
