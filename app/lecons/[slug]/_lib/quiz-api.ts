import type { QuizAnswers, QuizResultView, QuizScoreView } from '@/server/quizzes/quiz-view';
import { requestJson } from '../../../_lib/request-json';

const attemptsUrl = (slug: string) => `/api/quizzes/${encodeURIComponent(slug)}/attempts`;

/** The quiz API, as served by app/api (see server/quizzes for its behaviour). */
export const quizApi = {
  submit: (slug: string, answers: QuizAnswers) =>
    requestJson<{ result: QuizResultView }>(attemptsUrl(slug), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ answers }),
    }),

  findLastScore: (slug: string) => requestJson<{ attempt: QuizScoreView | null }>(`${attemptsUrl(slug)}/latest`),
};
