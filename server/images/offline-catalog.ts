/**
 * The offline catalog as students read it on /images: every image name of catalog.txt with all
 * its tags, and what it really holds. The notes (short, French) live in
 * runtime/images/catalog-notes.json, beside the catalog they describe; docs/images.md keeps the
 * authors' detail, in English. test/unit/images-catalog.test.ts ties the three together.
 */
import path from 'node:path';
import { z } from 'zod';
import { displayPath } from '../content/content-paths';
import { CATALOG_FILE, IMAGES_DIR, readImageCatalog, readImagesFile, type ImageCatalog } from '../content/scripts/image-catalog';

export const NOTES_FILE = path.join(IMAGES_DIR, 'catalog-notes.json');

// Two short sentences at most: the page is a list to scan, docs/images.md has the detail.
const sentence = z.string().trim().min(1).max(200);
const notesSchema = z.record(z.string(), z.strictObject({ inside: sentence, differences: sentence }));

export type ImageNote = z.infer<typeof notesSchema>[string];
export type ImageNotes = Readonly<Record<string, ImageNote>>;

export interface OfflineImage {
  name: string;
  tags: string[];
  /** Null for an image added to catalog.txt without its note: shown all the same (the unit test fails). */
  note: ImageNote | null;
}

/** Reads catalog-notes.json: image name → { inside, differences }. */
export function readImageNotes(file = NOTES_FILE): ImageNotes {
  let json: unknown;
  try {
    json = JSON.parse(readImagesFile(file));
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new Error(`${displayPath(file)} : JSON invalide (${error.message})`, { cause: error });
  }
  const notes = notesSchema.safeParse(json);
  if (!notes.success) {
    const why = notes.error.issues.map((issue) => `${issue.path.join('.')} : ${issue.message}`).join(' ; ');
    throw new Error(`${displayPath(file)} : ${why}`);
  }
  return notes.data;
}

/** What disagrees between the catalog and its notes, in French; empty when every name has exactly one note. */
export function notesProblems(catalog: ImageCatalog, notes: ImageNotes): string[] {
  const missing = [...catalog.keys()].filter((name) => !Object.hasOwn(notes, name));
  const unknown = Object.keys(notes).filter((name) => !catalog.has(name));
  return [
    ...missing.map((name) => `l’image ${name} du catalogue n’a pas de note dans ${displayPath(NOTES_FILE)}`),
    ...unknown.map((name) => `la note ${name} ne correspond à aucune image de ${displayPath(CATALOG_FILE)}`),
  ];
}

/** Every image of the catalog, by name, with all its tags in the catalog's order and its note. */
export function readOfflineCatalog(files = { catalog: CATALOG_FILE, notes: NOTES_FILE }): OfflineImage[] {
  const catalog = readImageCatalog(files.catalog);
  const notes = readImageNotes(files.notes);
  return [...catalog]
    .map(([name, tags]) => ({ name, tags: [...tags], note: Object.hasOwn(notes, name) ? (notes[name] ?? null) : null }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
}
