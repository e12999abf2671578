import { describe, expect, it } from 'vitest';
import { computeQuizProgress } from '@/server/progress/quiz-progress';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 22, 9, minute));

describe('computeQuizProgress', () => {
  it('is null without attempts', () => {
    expect(computeQuizProgress([])).toBeNull();
  });

  it('keeps the best attempt: a worse retry does not lower the grade', () => {
    const progress = computeQuizProgress([
      { score: 4, maxScore: 5, createdAt: at(5) },
      { score: 2, maxScore: 5, createdAt: at(0) },
      { score: 1, maxScore: 5, createdAt: at(9) },
      { score: 4, maxScore: 5, createdAt: at(12) },
    ]);
    expect(progress).toEqual({ score: 4, maxScore: 5, attempts: 4, firstAt: at(0), bestAt: at(5) });
  });
});
