/**
 * Which content packs this process serves, and where each one's files are now. Dockyard's own
 * course is the built-in pack: its lessons and labs keep their plain slugs (`images`). Every
 * other pack is a namespace: its lab `premier-lab` is `reseaux.premier-lab` everywhere outside
 * the pack (addresses, sessions, assignments, scores), so no pack can take another's slug.
 *
 * The registry is published on globalThis, like server/services.ts, because Next's pages are
 * bundled apart from server/main.ts and must read the same packs. A process that never sets
 * one up (tests, the CLIs) serves the built-in course alone.
 */
import path from 'node:path';

export const BUILTIN_PACK = 'dockyard';
export const PACK_ID_PATTERN = /^[a-z0-9-]{1,40}$/;
/** A lesson, lab or quiz id: `slug` in the built-in course, `pack.slug` in another pack. */
export const CONTENT_ID_PATTERN = /^(?:[a-z0-9-]{1,40}\.)?[a-z0-9-]{1,64}$/;

export interface PackVersion {
  /** The folder holding this version's course.json, lessons/, labs/ and quizzes/. */
  root: string;
  /** A git pack's commit; null for a folder, which is served as it is on disk. */
  version: string | null;
}

export interface ServedPack extends PackVersion {
  id: string;
  /**
   * Earlier versions still on disk, by version: a session keeps the version it started on
   * (a git pack switches under running sessions).
   */
  earlier: ReadonlyMap<string, string>;
}

export class PackRegistry {
  private readonly packs = new Map<string, ServedPack>();

  constructor(builtinRoot: string) {
    this.packs.set(BUILTIN_PACK, { id: BUILTIN_PACK, root: builtinRoot, version: null, earlier: new Map() });
  }

  list(): ServedPack[] {
    return [...this.packs.values()];
  }

  get(id: string): ServedPack | undefined {
    return this.packs.get(id);
  }

  /** Serves `pack` from now on (a new pack, or a new version of one, switched in at once). */
  serve(pack: ServedPack): void {
    this.packs.set(pack.id, pack);
  }

  remove(id: string): void {
    if (id !== BUILTIN_PACK) this.packs.delete(id);
  }

  /** The folder of `version` of a pack; the current one when that version is gone or not asked for. */
  rootOf(id: string, version?: string | null): string | undefined {
    const pack = this.packs.get(id);
    if (!pack) return undefined;
    if (version && version !== pack.version) return pack.earlier.get(version) ?? pack.root;
    return pack.root;
  }
}

const KEY = Symbol.for('dockyard.packs');
type Holder = { [KEY]?: PackRegistry };

export function defaultBuiltinRoot(): string {
  return path.join(process.cwd(), 'content');
}

/** The packs this process serves: the ones server/main.ts set up, else the built-in course alone. */
export function packRegistry(): PackRegistry {
  const holder = globalThis as Holder;
  holder[KEY] ??= new PackRegistry(defaultBuiltinRoot());
  return holder[KEY];
}

export function publishPackRegistry(registry: PackRegistry): void {
  (globalThis as Holder)[KEY] = registry;
}

/** `reseaux.premier-lab` → { pack: 'reseaux', slug: 'premier-lab' }; `images` → the built-in pack. */
export function splitContentId(id: string): { pack: string; slug: string } {
  const dot = id.indexOf('.');
  return dot < 0 ? { pack: BUILTIN_PACK, slug: id } : { pack: id.slice(0, dot), slug: id.slice(dot + 1) };
}

export function contentId(pack: string, slug: string): string {
  return pack === BUILTIN_PACK ? slug : `${pack}.${slug}`;
}
