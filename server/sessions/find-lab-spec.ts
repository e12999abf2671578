/** Adapts the content loader to what the services need: a lab, or null if none. */
import { ContentNotFoundError } from '../content/content-errors';
import { loadLab, type Lab } from '../content/lab';

export async function findLabSpec(slug: string): Promise<Lab | null> {
  try {
    return await loadLab(slug);
  } catch (error) {
    if (error instanceof ContentNotFoundError) return null;
    throw error;
  }
}
