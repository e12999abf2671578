/** The course as the class service reads it: every pack's course.json and the lessons' quizzes. */
import { loadMergedCourse } from '../content/packs/catalog';
import { loadQuiz } from '../content/quiz';
import type { CourseContent } from './assignable-content';

export const courseContent: CourseContent = {
  loadCourse: () => loadMergedCourse(),
  hasQuiz: async (lesson) => (await loadQuiz(lesson)) !== null,
};
