/**
 * Whose labs a reader of « Santé des labs » sees: an admin every pack's; an instructor the
 * packs whose course.json names their account's e-mail in `maintainers`; nobody else any.
 */
import type { SignedInUser } from '../auth/caller';
import type { PackCourse } from '../content/packs/catalog';
import { splitContentId } from '../content/packs/pack-registry';

export const LAB_HEALTH_NOT_ALLOWED =
  'La santé des labs est réservée aux administrateurs et aux enseignants qui maintiennent un paquet de contenu ' +
  '(leur adresse e-mail dans le champ « maintainers » de son course.json).';

export interface HealthScope {
  /** The packs shown, in the catalog's order, with their course's title. */
  packs: Array<{ id: string; title: string }>;
  /** Their labs, by pack. */
  labsByPack: Map<string, string[]>;
}

export function maintains(course: Pick<PackCourse, 'maintainers'>, email: string): boolean {
  const wanted = email.trim().toLowerCase();
  return course.maintainers.some((maintainer) => maintainer.trim().toLowerCase() === wanted);
}

/** null: this reader sees no pack's health. */
export function healthScope(user: SignedInUser, catalog: PackCourse[], allLabs: string[]): HealthScope | null {
  let packs: Array<{ id: string; title: string }>;
  if (user.role === 'admin') {
    packs = catalog.map((course) => ({ id: course.pack, title: course.title }));
    // A pack whose course.json cannot be read still has labs to test.
    for (const lab of allLabs) {
      const { pack } = splitContentId(lab);
      if (!packs.some((each) => each.id === pack)) packs.push({ id: pack, title: pack });
    }
  } else if (user.role === 'instructor') {
    packs = catalog.filter((course) => maintains(course, user.email)).map((course) => ({ id: course.pack, title: course.title }));
    if (packs.length === 0) return null;
  } else {
    return null;
  }
  const labsByPack = new Map(packs.map((pack) => [pack.id, allLabs.filter((lab) => splitContentId(lab).pack === pack.id)]));
  return { packs, labsByPack };
}
