import path from 'node:path';
import { ContentError, ContentNotFoundError } from './content-errors';
import { displayPath, resolveContentRoot, type ContentOptions } from './content-paths';
import { loadCourse, type Course } from './course';
import { loadLab } from './lab';
import { loadLesson } from './lesson';

/**
 * Loads the whole course once and checks that every lesson and lab it points to exists and
 * is valid, so a broken course fails at start-up (or in CI) rather than on a student's click.
 */
export async function validateContent(options: ContentOptions = {}): Promise<Course> {
  const contentRoot = resolveContentRoot(options);
  const course = await loadCourse(options);
  const courseFile = path.join(contentRoot, 'course.json');
  // Each lab slug with the file that mentions it, for the error message.
  const labs = new Map<string, string>();
  for (const chapter of course.chapters) if (chapter.lab) labs.set(chapter.lab, courseFile);

  const lessonSlugs = new Set(course.chapters.flatMap((chapter) => (chapter.lesson ? [chapter.lesson] : [])));
  await Promise.all(
    [...lessonSlugs].map(async (slug) => {
      const lesson = await referenced(loadLesson(slug, options), courseFile);
      if (lesson.lab) labs.set(lesson.lab, path.join(contentRoot, 'lessons', `${slug}.md`));
    }),
  );
  await Promise.all([...labs].map(([slug, referencedIn]) => referenced(loadLab(slug, options), referencedIn)));
  return course;
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
