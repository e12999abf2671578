/**
 * What the browser is told about a quiz (route handlers and the lesson page share it). Before
 * the student submits, it gets questions and choices only: correct answers and explanations
 * stay on the server, so reading the page source gives nothing away.
 */
import type { Quiz, QuizChoice } from '../content/quiz';

export interface QuizQuestionView {
  id: string;
  promptHtml: string;
  /** More than one correct choice: the page shows checkboxes instead of radio buttons. */
  multiple: boolean;
  choices: QuizChoice[];
}

export interface QuizView {
  slug: string;
  title: string;
  questions: QuizQuestionView[];
}

/** The choices a student ticked, by question id. */
export type QuizAnswers = Record<string, string[]>;

export interface QuestionResultView {
  id: string;
  correct: boolean;
  /** What the student ticked, and what was right: the page marks both. */
  selected: string[];
  answer: string[];
  explanationHtml: string;
}

/** A score as remembered: « Votre dernier score » when the student comes back. */
export interface QuizScoreView {
  score: number;
  maxScore: number;
  createdAt: string;
}

/** The answer to « Valider mes réponses ». */
export interface QuizResultView extends QuizScoreView {
  questions: QuestionResultView[];
}

export function toQuizView(quiz: Quiz): QuizView {
  return {
    slug: quiz.slug,
    title: quiz.title,
    questions: quiz.questions.map((question) => ({
      id: question.id,
      promptHtml: question.promptHtml,
      multiple: question.answer.length > 1,
      choices: question.choices,
    })),
  };
}
