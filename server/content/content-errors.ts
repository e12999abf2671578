/**
 * Errors raised while reading the course. Messages are in French because authors read them,
 * and every message names the file to fix.
 */

/** 1-based place in a file, when the problem has one (a JSON syntax error, a field, a Markdown link). */
export interface ContentPosition {
  line: number;
  column?: number;
}

export interface ContentValidation extends Partial<ContentPosition> {
  /** The field at fault, e.g. `details.steps.0.verify`; `(racine)` for the whole file. */
  path: string;
  message: string;
}

/** Content exists but is invalid (bad JSON, a missing step file…): an author must fix it. */
export class ContentError extends Error {
  override name = 'ContentError';

  constructor(
    message: string,
    /** The file at fault, when there is one. */
    readonly file?: string,
    /** Field-level problems, shaped like the error envelope's `validations`. */
    readonly validations: ContentValidation[] = [],
    readonly position?: ContentPosition,
  ) {
    super(message);
  }
}

/** The requested lesson or lab does not exist: pages answer 404. */
export class ContentNotFoundError extends ContentError {
  override name = 'ContentNotFoundError';
}

/** A slug that could never name content (and might try to escape the content folder). */
export class InvalidSlugError extends ContentNotFoundError {
  override name = 'InvalidSlugError';

  constructor(readonly slug: string) {
    super(`Identifiant invalide : « ${slug} » (attendu : lettres minuscules, chiffres et tirets).`);
  }
}
