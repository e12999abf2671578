import { describe, expect, it } from 'vitest';
import { CHOICE_TAG, choiceVerdict, countOf, scoreLevel, SCORE_ADVICE } from '@/app/lecons/[slug]/_lib/quiz-feedback';

describe('quiz wording on the lesson page', () => {
  it('marks the student’s right and wrong picks and the right answers they missed', () => {
    const result = { selected: ['a', 'b'], answer: ['a', 'c'] };
    expect(['a', 'b', 'c', 'd'].map((id) => CHOICE_TAG[choiceVerdict(id, result)])).toEqual([
      '✓ Juste',
      '✗ Faux',
      'Bonne réponse',
      null,
    ]);
  });

  it('praises a full score and sends a low one back to the lesson', () => {
    expect(SCORE_ADVICE[scoreLevel(7, 7)]).toMatch(/^Parfait/);
    expect(SCORE_ADVICE[scoreLevel(4, 7)]).toMatch(/^Bien joué/);
    expect(SCORE_ADVICE[scoreLevel(3, 7)]).toMatch(/relisez la leçon/);
  });

  it('agrees numbers with nouns', () => {
    expect(countOf(1, 'question')).toBe('1 question');
    expect(countOf(3, 'question')).toBe('3 questions');
  });
});
