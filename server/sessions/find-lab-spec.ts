/** Adapts the content loader to what the session service needs: a lab, or null if none. */
import { ContentNotFoundError } from '../content/content-errors';
import { loadLab } from '../content/lab';
import type { LabSpec } from './session-service';

export async function findLabSpec(slug: string): Promise<LabSpec | null> {
  try {
    return await loadLab(slug);
  } catch (error) {
    if (error instanceof ContentNotFoundError) return null;
    throw error;
  }
}
