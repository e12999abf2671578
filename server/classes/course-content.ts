/** The course as the class service reads it: content/course.json and the lessons' quizzes. */
import { loadCourse } from '../content/course';
import { loadQuiz } from '../content/quiz';
import type { CourseContent } from './assignable-content';

export const courseContent: CourseContent = {
  loadCourse: () => loadCourse(),
  hasQuiz: async (lesson) => (await loadQuiz(lesson)) !== null,
};
