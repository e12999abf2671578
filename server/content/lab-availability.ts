/**
 * A lab that exists but cannot be loaded (index.json invalid or incomplete, a step's page
 * missing…) must not take a page, or the server's start, down with it: the lab is
 * « unavailable », with the reason an instructor needs to fix it, and everything else works.
 * A lab that does not exist at all stays a ContentNotFoundError (a 404).
 */
import { ContentError, ContentNotFoundError } from './content-errors';
import type { ContentOptions } from './content-paths';
import { loadLab, type Lab } from './lab';

export interface UnavailableLab {
  slug: string;
  /** Why, in French, naming the file to fix: for instructors, admins and the server's log. */
  reason: string;
}

export type LabAvailability = { status: 'loaded'; lab: Lab } | ({ status: 'unavailable' } & UnavailableLab);

/** What Dockyard itself got wrong is logged in full for the operator; authors get one line. */
const logUnexpected = (slug: string, error: unknown) => console.error(`[dockyard] lab « ${slug} » illisible :`, error);

export async function tryLoadLab(
  slug: string,
  options: ContentOptions = {},
  reportUnexpected: (slug: string, error: unknown) => void = logUnexpected,
): Promise<LabAvailability> {
  try {
    return { status: 'loaded', lab: await loadLab(slug, options) };
  } catch (error) {
    if (error instanceof ContentNotFoundError) throw error;
    if (error instanceof ContentError) return { status: 'unavailable', slug, reason: error.message };
    reportUnexpected(slug, error);
    const detail = error instanceof Error ? ` : ${error.message}` : '';
    return { status: 'unavailable', slug, reason: `Erreur inattendue en lisant ce lab${detail}. Le journal du serveur en donne le détail.` };
  }
}
