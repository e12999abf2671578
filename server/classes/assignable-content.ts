/**
 * What an instructor can give a class: the labs, lessons and lesson quizzes of
 * content/course.json, in the course's order, each with its title and address.
 */
import type { Course } from '../content/course';

export const ASSIGNMENT_KINDS = ['lesson', 'quiz', 'lab'] as const;
export type AssignmentKind = (typeof ASSIGNMENT_KINDS)[number];

export interface AssignableItem {
  kind: AssignmentKind;
  slug: string;
  /** The chapter's title: lessons, quizzes and labs of one chapter share it. */
  title: string;
  chapter: number;
  href: string;
}

export interface CourseContent {
  loadCourse: () => Promise<Course>;
  /** Whether this lesson has a quiz. */
  hasQuiz: (lessonSlug: string) => Promise<boolean>;
}

export async function listAssignable(content: CourseContent): Promise<AssignableItem[]> {
  const course = await content.loadCourse();
  const perChapter = await Promise.all(
    course.chapters.map(async (chapter): Promise<AssignableItem[]> => {
      const base = { title: chapter.title, chapter: chapter.number };
      const items: AssignableItem[] = [];
      if (chapter.lesson) {
        items.push({ ...base, kind: 'lesson', slug: chapter.lesson, href: `/lecons/${chapter.lesson}` });
        if (await content.hasQuiz(chapter.lesson)) {
          items.push({ ...base, kind: 'quiz', slug: chapter.lesson, href: `/lecons/${chapter.lesson}#quiz` });
        }
      }
      if (chapter.lab) items.push({ ...base, kind: 'lab', slug: chapter.lab, href: `/labs/${chapter.lab}` });
      return items;
    }),
  );
  return perChapter.flat();
}
