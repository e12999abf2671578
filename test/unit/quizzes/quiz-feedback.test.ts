import { describe, expect, it } from 'vitest';
import { en } from '@/app/_i18n/en';
import { fr } from '@/app/_i18n/fr';
import { choiceTag, choiceVerdict, formatAttemptDate, scoreLevel } from '@/app/lecons/[slug]/_lib/quiz-feedback';

describe('quiz wording on the lesson page', () => {
  it('marks the student’s right and wrong picks and the right answers they missed', () => {
    const result = { selected: ['a', 'b'], answer: ['a', 'c'] };
    expect(['a', 'b', 'c', 'd'].map((id) => choiceTag(choiceVerdict(id, result), fr.quiz))).toEqual([
      '✓ Juste',
      '✗ Faux',
      'Bonne réponse',
      null,
    ]);
  });

  it('praises a full score and sends a low one back to the lesson', () => {
    expect(fr.quiz.advice[scoreLevel(7, 7)]).toMatch(/^Parfait/);
    expect(fr.quiz.advice[scoreLevel(4, 7)]).toMatch(/^Bien joué/);
    expect(fr.quiz.advice[scoreLevel(3, 7)]).toMatch(/relisez la leçon/);
  });

  it('agrees numbers with nouns', () => {
    expect(fr.quiz.unanswered(1)).toBe('Encore 1 question sans réponse.');
    expect(fr.quiz.unanswered(3)).toBe('Encore 3 questions sans réponse.');
    expect(en.quiz.unanswered(1)).toBe('1 question still unanswered.');
  });

  it('dates an attempt in the reader’s language', () => {
    const iso = '2026-03-12T12:05:00Z';
    expect(formatAttemptDate(iso, fr)).toMatch(/^le 12 mars 2026 à \d\d:05$/);
    expect(formatAttemptDate(iso, en)).toMatch(/^on 12 March 2026 at \d\d:05$/);
  });
});
