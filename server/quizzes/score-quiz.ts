import type { Quiz } from '../content/quiz';
import { ValidationError } from '../errors';
import type { QuestionResultView, QuizAnswers } from './quiz-view';

export interface QuizScore {
  score: number;
  maxScore: number;
  /** The answers as checked: known questions only, each choice once, in the quiz's order. */
  answers: QuizAnswers;
  questions: QuestionResultView[];
}

/**
 * One point per question, for exactly the right set of choices: on a question with several
 * correct answers, ticking only some of them (or one too many) earns nothing, as on paper.
 * A question left blank is wrong. Answers that name no question or no choice of this quiz
 * come from a stale page or a forged request: they are refused, not silently ignored.
 */
export function scoreQuiz(quiz: Quiz, submitted: QuizAnswers): QuizScore {
  rejectUnknownAnswers(quiz, submitted);
  const answers: QuizAnswers = {};
  const questions = quiz.questions.map((question) => {
    const ticked = new Set(submitted[question.id] ?? []);
    const selected = question.choices.map((choice) => choice.id).filter((id) => ticked.has(id));
    answers[question.id] = selected;
    const correct = selected.length === question.answer.length && question.answer.every((id) => ticked.has(id));
    return { id: question.id, correct, selected, answer: question.answer, explanationHtml: question.explanationHtml };
  });
  return {
    score: questions.filter((question) => question.correct).length,
    maxScore: quiz.questions.length,
    answers,
    questions,
  };
}

function rejectUnknownAnswers(quiz: Quiz, submitted: QuizAnswers): void {
  const problems: Array<{ path: string; message: string }> = [];
  for (const [questionId, choiceIds] of Object.entries(submitted)) {
    const question = quiz.questions.find((candidate) => candidate.id === questionId);
    if (!question) {
      problems.push({ path: `answers.${questionId}`, message: 'question inconnue dans ce quiz' });
      continue;
    }
    for (const choiceId of choiceIds) {
      if (!question.choices.some((choice) => choice.id === choiceId)) {
        problems.push({ path: `answers.${questionId}`, message: `choix « ${choiceId} » inconnu pour cette question` });
      }
    }
  }
  if (problems.length > 0) {
    throw new ValidationError('Ces réponses ne correspondent pas au quiz : rechargez la page, puis recommencez.', problems);
  }
}
