/**
 * Adapts the content loader to what the services need: a lab, or null if none. A lab that
 * exists but cannot be loaded (content/lab-availability.ts) is refused with a 503 in the
 * student's words, never a 500; its reason is for instructors, on the lab's page.
 */
import { ContentError, ContentNotFoundError } from '../content/content-errors';
import type { ContentOptions } from '../content/content-paths';
import { loadLab, type Lab } from '../content/lab';
import { AppError } from '../errors';

export class LabUnavailableError extends AppError {
  readonly reason: string;

  constructor(slug: string, reason: string) {
    super(
      'Ce lab est indisponible pour le moment : son contenu est à corriger. Prévenez votre enseignant, ou choisissez un autre lab.',
      503,
      'Les enseignants en voient la raison sur la page du lab.',
    );
    // The reason names files: for the server's log, not for the student.
    this.reason = `lab « ${slug} » : ${reason}`;
  }
}

export async function findLabSpec(slug: string, version?: string | null, options: ContentOptions = {}): Promise<Lab | null> {
  try {
    return await loadLab(slug, { ...options, version });
  } catch (error) {
    if (error instanceof ContentNotFoundError) return null;
    if (error instanceof ContentError) throw new LabUnavailableError(slug, error.message);
    throw error;
  }
}
