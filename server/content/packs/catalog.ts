/**
 * Every served pack's course, with its lessons and labs named as the rest of Dockyard names
 * them (`pack.slug` outside the built-in course): for the home page, the lesson and lab pages'
 * chapter, classes' assignments and the nightly lab tests.
 */
import { loadCourse, type Course } from '../course';
import { listLabSlugs } from '../lab';
import { BUILTIN_PACK, contentId, packRegistry, splitContentId, type ServedPack } from './pack-registry';

export interface PackCourse extends Course {
  pack: string;
}

async function courseOf(pack: ServedPack): Promise<PackCourse> {
  const course = await loadCourse({ contentRoot: pack.root });
  const qualify = (slug: string | null) => (slug === null ? null : contentId(pack.id, slug));
  return {
    ...course,
    pack: pack.id,
    // Chapter slugs too: they key the home page's progress badges, across packs.
    chapters: course.chapters.map((chapter) => ({ ...chapter, slug: contentId(pack.id, chapter.slug), lesson: qualify(chapter.lesson), lab: qualify(chapter.lab) })),
  };
}

/** Where a course (or one of its chapters, by number) is listed on the home page. */
export function courseHref(course: Pick<PackCourse, 'pack'>, chapter?: number): string {
  const builtin = course.pack === BUILTIN_PACK;
  if (chapter !== undefined) return builtin ? `/#chapitre-${chapter}` : `/#${course.pack}-chapitre-${chapter}`;
  return builtin ? '/#programme' : `/#paquet-${course.pack}`;
}

/** The course a lesson, lab or quiz id belongs to. */
export async function loadCourseOf(id: string): Promise<PackCourse> {
  const pack = packRegistry().get(splitContentId(id).pack) ?? packRegistry().get(BUILTIN_PACK);
  if (!pack) throw new Error('le cours intégré n’est pas servi');
  return courseOf(pack);
}

/**
 * The built-in course first, then the other packs in their configured order. A pack whose
 * course.json cannot be read is left out here: /admin shows why.
 */
export async function loadCatalog(): Promise<PackCourse[]> {
  const courses = await Promise.all(
    packRegistry()
      .list()
      .map((pack) => courseOf(pack).catch((error: unknown) => (pack.id === BUILTIN_PACK ? Promise.reject(error) : null))),
  );
  return courses.filter((course): course is PackCourse => course !== null);
}

/** Every lab of every served pack, by id (the folders of labs/, whether the course lists them or not). */
export async function listAllLabs(): Promise<string[]> {
  const perPack = await Promise.all(
    packRegistry()
      .list()
      .map(async (pack) => (await listLabSlugs({ contentRoot: pack.root })).map((slug) => contentId(pack.id, slug))),
  );
  return perPack.flat();
}

/**
 * Every pack's chapters as one course, numbered on, a pack's chapters titled with its course:
 * what an instructor can give a class.
 */
export async function loadMergedCourse(): Promise<Course> {
  const [builtin, ...packs] = await loadCatalog();
  if (!builtin) throw new Error('le cours intégré n’est pas servi');
  const chapters = [
    ...builtin.chapters,
    ...packs.flatMap((course) => course.chapters.map((chapter) => ({ ...chapter, title: `${course.title} — ${chapter.title}` }))),
  ];
  return { ...builtin, chapters: chapters.map((chapter, index) => ({ ...chapter, number: index + 1 })) };
}
