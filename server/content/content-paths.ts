import path from 'node:path';
import { z } from 'zod';
import { ContentError, ContentNotFoundError, InvalidSlugError } from './content-errors';
import { BUILTIN_PACK, contentId, CONTENT_ID_PATTERN, packRegistry, splitContentId } from './packs/pack-registry';

export const SLUG_PATTERN = /^[a-z0-9-]+$/;

export const slugSchema = z.string().regex(SLUG_PATTERN, 'identifiant attendu : lettres minuscules, chiffres et tirets');

export interface ContentOptions {
  /**
   * Folder holding course.json, lessons/ and labs/: one pack, read alone, its slugs plain
   * (content:check, lab:test, tests). Without it, ids are looked up in the served packs.
   */
  contentRoot?: string;
  /** The version of the id's pack to read (a session's): the current one when absent or gone. */
  version?: string | null;
}

export function resolveContentRoot(options: ContentOptions = {}): string {
  // The ignore comment keeps Next's file tracing from including the whole project because
  // of a path it cannot know at build time (tests pass their own root).
  if (options.contentRoot) return path.resolve(/* turbopackIgnore: true */ options.contentRoot);
  return packRegistry().rootOf(BUILTIN_PACK) ?? path.join(process.cwd(), 'content');
}

/** Where a lesson, lab or quiz id leads: its pack's folder and its slug there. */
export interface LocatedContent {
  contentRoot: string;
  slug: string;
  /** The id as the rest of Dockyard names it (`pack.slug` outside the built-in course). */
  id: string;
  pack: string;
  /** The pack's version read (a git commit); null for a folder. */
  version: string | null;
}

export function locateContent(id: string, options: ContentOptions = {}): LocatedContent {
  if (options.contentRoot) {
    assertSlug(id);
    return { contentRoot: resolveContentRoot(options), slug: id, id, pack: '', version: null };
  }
  if (!CONTENT_ID_PATTERN.test(id)) throw new InvalidSlugError(id);
  const { pack, slug } = splitContentId(id);
  const registry = packRegistry();
  const served = registry.get(pack);
  const contentRoot = registry.rootOf(pack, options.version);
  if (!served || !contentRoot) throw new ContentNotFoundError(`Aucun paquet de contenu « ${pack} » n'est servi (identifiant « ${id} »).`);
  const version = options.version && served.earlier.has(options.version) ? options.version : served.version;
  return { contentRoot, slug, id: contentId(pack, slug), pack, version };
}

/**
 * Inside a pack, authors name their own lessons and labs by their plain slugs (in Markdown
 * links, a lesson's `lab:`, course.json): the rest of Dockyard knows them as `pack.slug`.
 */
export function qualifySlug(located: Pick<LocatedContent, 'pack'>, slug: string): string {
  return located.pack === '' ? slug : contentId(located.pack, slug);
}

export function qualifyLinks(located: Pick<LocatedContent, 'pack'>, html: string): string {
  if (located.pack === '' || located.pack === BUILTIN_PACK) return html;
  return html.replace(/href="\/(labs|lecons)\/([a-z0-9-]+)(?=["#?/])/g, (_, kind: string, slug: string) => `href="/${kind}/${located.pack}.${slug}`);
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
