import path from 'node:path';
import { z } from 'zod';
import { ContentError, InvalidSlugError } from './content-errors';

export const SLUG_PATTERN = /^[a-z0-9-]+$/;

export const slugSchema = z.string().regex(SLUG_PATTERN, 'identifiant attendu : lettres minuscules, chiffres et tirets');

export interface ContentOptions {
  /** Folder holding course.json, lessons/ and labs/. Defaults to `content/` under the working directory. */
  contentRoot?: string;
}

export function resolveContentRoot(options: ContentOptions = {}): string {
  // The ignore comment keeps Next's file tracing from including the whole project because
  // of a path it cannot know at build time (tests pass their own root).
  if (options.contentRoot) return path.resolve(/* turbopackIgnore: true */ options.contentRoot);
  return path.join(process.cwd(), 'content');
}

/** Throws unless the slug is safe to use as a single path segment. */
export function assertSlug(slug: string): void {
  if (!SLUG_PATTERN.test(slug)) throw new InvalidSlugError(slug);
}

/**
 * Joins a path written by an author (in index.json or Markdown) to its folder, refusing
 * anything that would land outside `root`: content is trusted, but a typo like
 * `../../etc/passwd` should fail loudly rather than read a random file.
 */
export function resolveInside(root: string, from: string, relative: string, referencedIn: string): string {
  const resolved = path.resolve(from, relative);
  if (path.isAbsolute(relative) || !resolved.startsWith(root + path.sep)) {
    throw new ContentError(
      `Chemin « ${relative} » hors du dossier de contenu, dans ${displayPath(referencedIn)}.`,
      referencedIn,
    );
  }
  return resolved;
}

/** Short, readable path for messages: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}
