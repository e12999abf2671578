/**
 * The offline image catalog (runtime/images/catalog.txt): what `docker pull` and `docker run`
 * find inside a lab machine, which has no Internet. An image reference is in it, local to the
 * lab (its own registry, an image it builds), or out of reach.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { displayPath } from '../content-paths';

/**
 * runtime/images, found from the working directory as content/ is (content-paths.ts):
 * Dockyard and its commands run from the project's root, and inside Next's server bundles
 * `import.meta.url` names the bundle, not this file.
 */
export const IMAGES_DIR = path.join(process.cwd(), 'runtime', 'images');
export const CATALOG_FILE = path.join(IMAGES_DIR, 'catalog.txt');

/** A file of runtime/images, or an error that says which and where it was looked for. */
export function readImagesFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new Error(`Catalogue d’images illisible : ${displayPath(file)} (${reason}). Lancez Dockyard depuis la racine du projet.`, { cause: error });
  }
}

/** Image name → the tags the catalog has for it (several lines may share a name: nginx). */
export type ImageCatalog = ReadonlyMap<string, ReadonlySet<string>>;

const catalogLine = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9._/-]*$/),
  tags: z.array(z.string().regex(/^[\w][\w.-]*$/)).min(1),
});

/** Reads catalog.txt: `name folder from tag…` per line, `#` comments. */
export function readImageCatalog(file = CATALOG_FILE): ImageCatalog {
  const catalog = new Map<string, Set<string>>();
  for (const [index, raw] of readImagesFile(file).split('\n').entries()) {
    const fields = raw.replace(/#.*/, '').trim().split(/\s+/).filter(Boolean);
    if (fields.length === 0) continue;
    const line = catalogLine.safeParse({ name: fields[0], tags: fields.slice(3) });
    if (!line.success) {
      const why = line.error.issues.map((issue) => `${issue.path.join('.')} : ${issue.message}`).join(' ; ');
      throw new Error(`${displayPath(file)}, ligne ${index + 1} : attendu « nom dossier base étiquette… » (${why})`);
    }
    const { name, tags } = line.data;
    const known = catalog.get(name) ?? new Set<string>();
    for (const tag of tags) known.add(tag);
    catalog.set(name, known);
  }
  return catalog;
}

export interface ImageReference {
  /** The registry's host (and port), null for Docker Hub. */
  registry: string | null;
  /** The repository, without Docker Hub's `library/`. */
  repository: string;
  /** `latest` when none is written. */
  tag: string;
  digest: string | null;
}

const HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

export function parseImageReference(reference: string): ImageReference {
  const [named = '', digest = null] = reference.split('@');
  const slash = named.lastIndexOf('/');
  const colon = named.lastIndexOf(':');
  const tag = colon > slash ? named.slice(colon + 1) : 'latest';
  const path = colon > slash ? named.slice(0, colon) : named;
  const [first = '', ...rest] = path.split('/');
  const hasRegistry = rest.length > 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const registry = hasRegistry && !HUB.has(first) ? first : null;
  const repository = (hasRegistry ? rest.join('/') : path).replace(/^library\//, '');
  return { registry, repository, tag, digest };
}

/** The same image, however it is written: `nginx`, `docker.io/library/nginx:latest`. */
export function imageKey(reference: string): string {
  const { registry, repository, tag, digest } = parseImageReference(reference);
  return `${registry ? `${registry}/` : ''}${repository}${digest ? `@${digest}` : `:${tag}`}`;
}

/**
 * A registry the lab reaches without Internet: its own machines (`localhost:5000`,
 * `node1:5000`, a private address), as opposed to a public host (`quay.io`, `ghcr.io`).
 */
export function isLabRegistry(registry: string): boolean {
  const host = registry.replace(/:\d+$/, '');
  return !host.includes('.') || /^(?:127|10|192\.168|172\.(?:1[6-9]|2\d|3[01]))\./.test(host);
}

/** True when `docker pull reference` succeeds on a lab machine without the lab building it first. */
export function inCatalog(reference: string, catalog: ImageCatalog): boolean {
  const { registry, repository, tag, digest } = parseImageReference(reference);
  // The catalog is rebuilt here from Debian packages: Docker Hub's digests are not in it.
  if (registry !== null || digest !== null) return false;
  return catalog.get(repository)?.has(tag) ?? false;
}
