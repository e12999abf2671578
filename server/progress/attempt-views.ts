/**
 * A check's and a quiz answer's evidence as every reader gets it (a student's drill-down,
 * the grader API's bulk list): one mapping from the database rows, so both say the same.
 */
import type { CheckAttempt, QuizAttempt } from '../../generated/prisma/client';
import type { CheckAttemptView, QuizAttemptView } from './progress-views';

export function checkAttemptView(row: CheckAttempt): CheckAttemptView {
  return {
    step: row.step,
    passed: row.passed,
    exitCode: row.exitCode,
    output: row.output,
    durationMs: row.durationMs,
    at: row.createdAt.toISOString(),
  };
}

export function quizAttemptView(row: QuizAttempt): QuizAttemptView {
  return { answers: row.answers as Record<string, string[]>, score: row.score, maxScore: row.maxScore, at: row.createdAt.toISOString() };
}
