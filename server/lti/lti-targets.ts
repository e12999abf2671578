/**
 * What a link points to. Dockyard's own links (deep linking) carry a custom parameter
 * « dockyard=lab/<slug> » (or quiz/…, lesson/…); a link typed by hand in the LMS may instead
 * point its target_link_uri at a lab or lesson page. Only content of the course is accepted.
 */
import { listAssignable, type AssignableItem, type AssignmentKind, type CourseContent } from '../classes/assignable-content';
import { NotFoundError } from '../errors';

export interface ContentTarget {
  kind: AssignmentKind;
  slug: string;
}

export function targetParameter(target: ContentTarget): string {
  return `${target.kind}/${target.slug}`;
}

/** The catalog item a link names, or null when it names none. */
export async function resolveTarget(
  content: CourseContent,
  link: { custom?: unknown; targetLinkUri?: string },
): Promise<AssignableItem | null> {
  const catalog = await listAssignable(content);
  const custom = typeof link.custom === 'string' ? link.custom : undefined;
  if (custom) {
    const item = catalog.find((candidate) => targetParameter(candidate) === custom);
    if (!item) throw new NotFoundError(`Cette activité pointe vers « ${custom} », qui n’est plus dans le cours de Dockyard : demandez à l’enseignant de la recréer.`);
    return item;
  }
  const path = pathOf(link.targetLinkUri);
  return catalog.find((candidate) => candidate.href === path) ?? null;
}

export async function findCatalogItem(content: CourseContent, target: ContentTarget): Promise<AssignableItem> {
  const item = (await listAssignable(content)).find((candidate) => candidate.kind === target.kind && candidate.slug === target.slug);
  if (!item) throw new NotFoundError(`« ${target.slug} » n’est pas dans le cours : choisissez un contenu de la liste.`);
  return item;
}

function pathOf(uri: string | undefined): string | undefined {
  if (!uri) return undefined;
  try {
    return new URL(uri).pathname;
  } catch {
    return undefined;
  }
}
