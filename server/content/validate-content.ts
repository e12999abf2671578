import path from 'node:path';
import { ContentError, ContentNotFoundError } from './content-errors';
import { displayPath, resolveContentRoot, SLUG_PATTERN, type ContentOptions } from './content-paths';
import { loadCourse, type Course } from './course';
import { tryLoadLab, type UnavailableLab } from './lab-availability';
import { loadLesson } from './lesson';
import { listQuizSlugs, loadQuiz, quizPath } from './quiz';

export interface ValidatedContent {
  course: Course;
  /** Labs that exist but cannot load: their page says « lab indisponible », the rest works. */
  unavailableLabs: UnavailableLab[];
}

/**
 * Loads the whole course once and checks that every lesson, lab and quiz it points to exists
 * and is valid, so a broken course fails at start-up (or in CI) rather than on a student's click.
 * A lab that cannot load is the exception: one broken lab (an imported scenario, say) must not
 * keep the whole site down, so it is returned for the server to log, not thrown.
 */
export async function validateContent(options: ContentOptions = {}): Promise<ValidatedContent> {
  const contentRoot = resolveContentRoot(options);
  const course = await loadCourse(options);
  const courseFile = path.join(contentRoot, 'course.json');
  // Each lesson and lab slug with the file that mentions it, for the error message.
  const lessons = new Map<string, string>();
  const labs = new Map<string, string>();
  for (const chapter of course.chapters) {
    if (chapter.lesson) lessons.set(chapter.lesson, courseFile);
    if (chapter.lab) labs.set(chapter.lab, courseFile);
  }
  // A quiz is shown under the lesson of the same name: a quiz without one is a misnamed file.
  const quizSlugs = await listQuizSlugs(options);
  for (const slug of quizSlugs) {
    const file = quizPath(contentRoot, slug);
    if (!SLUG_PATTERN.test(slug)) {
      throw new ContentError(
        `Nom de quiz invalide : ${displayPath(file)} (attendu : <leçon>.json, en minuscules, chiffres et tirets).`,
        file,
      );
    }
    if (!lessons.has(slug)) lessons.set(slug, file);
  }

  await Promise.all(
    [...lessons].map(async ([slug, referencedIn]) => {
      const lesson = await referenced(loadLesson(slug, options), referencedIn);
      if (lesson.lab) labs.set(lesson.lab, path.join(contentRoot, 'lessons', `${slug}.md`));
    }),
  );
  const [availability] = await Promise.all([
    Promise.all([...labs].map(([slug, referencedIn]) => referenced(tryLoadLab(slug, options), referencedIn))),
    Promise.all(quizSlugs.map((slug) => loadQuiz(slug, options))),
  ]);
  const unavailableLabs = availability.flatMap((lab) => (lab.status === 'unavailable' ? [{ slug: lab.slug, reason: lab.reason }] : []));
  return { course, unavailableLabs };
}

/** Content that is missing entirely is the fault of the file pointing to it: say which. */
async function referenced<T>(loading: Promise<T>, referencedIn: string): Promise<T> {
  try {
    return await loading;
  } catch (error) {
    if (error instanceof ContentNotFoundError) {
      throw new ContentError(`${error.message} (référencé dans ${displayPath(referencedIn)})`, referencedIn);
    }
    throw error;
  }
}
