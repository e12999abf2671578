import { describe, expect, it } from 'vitest';
import type { Quiz } from '@/server/content/quiz';
import { toEnvelope, ValidationError } from '@/server/errors';
import { toQuizView } from '@/server/quizzes/quiz-view';
import { scoreQuiz } from '@/server/quizzes/score-quiz';

const choices = (...ids: string[]) => ids.map((id) => ({ id, html: `choix ${id}` }));

const quiz: Quiz = {
  slug: 'essai',
  title: 'Essai',
  questions: [
    { id: 'unique', promptHtml: '<p>Une seule</p>', choices: choices('a', 'b', 'c'), answer: ['b'], explanationHtml: '<p>B.</p>' },
    { id: 'plusieurs', promptHtml: '<p>Deux</p>', choices: choices('a', 'b', 'c', 'd'), answer: ['a', 'c'], explanationHtml: '<p>A et C.</p>' },
  ],
};

describe('scoreQuiz', () => {
  it('gives a point per question answered exactly right, with each explanation', () => {
    const scored = scoreQuiz(quiz, { unique: ['b'], plusieurs: ['c', 'a'] });
    expect(scored).toMatchObject({ score: 2, maxScore: 2 });
    expect(scored.questions).toEqual([
      { id: 'unique', correct: true, selected: ['b'], answer: ['b'], explanationHtml: '<p>B.</p>' },
      { id: 'plusieurs', correct: true, selected: ['a', 'c'], answer: ['a', 'c'], explanationHtml: '<p>A et C.</p>' },
    ]);
  });

  it('gives nothing for part of a multi-answer question, or for one choice too many', () => {
    expect(scoreQuiz(quiz, { unique: ['b'], plusieurs: ['a'] }).score).toBe(1);
    expect(scoreQuiz(quiz, { unique: ['b'], plusieurs: ['a', 'c', 'd'] }).score).toBe(1);
  });

  it('counts a wrong or blank question as wrong, and keeps what was ticked', () => {
    const scored = scoreQuiz(quiz, { unique: ['a'] });
    expect(scored).toMatchObject({ score: 0, maxScore: 2 });
    expect(scored.questions.map(({ correct, selected }) => ({ correct, selected }))).toEqual([
      { correct: false, selected: ['a'] },
      { correct: false, selected: [] },
    ]);
    expect(scored.answers).toEqual({ unique: ['a'], plusieurs: [] });
  });

  it('records each choice once, in the quiz’s order', () => {
    expect(scoreQuiz(quiz, { plusieurs: ['c', 'a', 'c'] }).answers.plusieurs).toEqual(['a', 'c']);
  });

  it('refuses answers naming a question or a choice the quiz does not have (400 with the paths)', () => {
    const refusal = (() => {
      try {
        scoreQuiz(quiz, { unique: ['z'], ancienne: ['a'] });
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(ValidationError);
    const { status, body } = toEnvelope(refusal);
    expect(status).toBe(400);
    expect(body.message).toMatch(/rechargez la page/);
    expect(body.validations).toEqual([
      { path: 'answers.unique', message: 'choix « z » inconnu pour cette question' },
      { path: 'answers.ancienne', message: 'question inconnue dans ce quiz' },
    ]);
  });
});

describe('toQuizView', () => {
  it('sends questions and choices but neither answers nor explanations', () => {
    const view = toQuizView(quiz);
    const sent = JSON.stringify(view);
    expect(sent).not.toContain('answer');
    expect(sent).not.toContain('explanation');
    expect(sent).not.toContain('A et C.');
    expect(view.questions.map((question) => question.multiple)).toEqual([false, true]);
    expect(view.questions[1]?.choices).toHaveLength(4);
  });
});
