import { describe, expect, it } from 'vitest';
import { loadCourse } from '@/server/content/course';
import { loadLesson } from '@/server/content/lesson';
import { loadQuiz } from '@/server/content/quiz';

describe('the lessons of chapters 1 to 4', () => {
  it('are wired in the course, each with at least one diagram', async () => {
    const course = await loadCourse();
    const lessons = course.chapters.slice(0, 4).map((chapter) => chapter.lesson);
    expect(lessons).toEqual(['avant-le-cloud', 'virtualisation', 'histoire-et-ecosysteme', 'premiers-pas']);
    for (const slug of lessons) {
      const lesson = await loadLesson(slug ?? '');
      expect(lesson.html, slug ?? '').toMatch(/<figure class="diagram"><svg[^>]*role="img"/);
    }
  });

  it('each end with a quiz of 6 to 8 questions, some with one answer and some with several', async () => {
    for (const slug of ['avant-le-cloud', 'virtualisation', 'histoire-et-ecosysteme', 'premiers-pas']) {
      const answerCounts = (await loadQuiz(slug))?.questions.map((question) => question.answer.length) ?? [];
      expect(answerCounts.length, slug).toBeGreaterThanOrEqual(6);
      expect(answerCounts.length, slug).toBeLessThanOrEqual(8);
      expect(answerCounts, slug).toContain(1);
      expect(answerCounts.some((count) => count > 1), slug).toBe(true);
    }
  });
});
