/**
 * A check's and a quiz answer's evidence as every reader gets it (a student's drill-down,
 * the grader API's bulk list): one mapping from the database rows, so both say the same.
 */
import type { CheckAttempt, QuizAttempt } from '../../generated/prisma/client';
import { capCheckOutput, isOutputTruncated } from '../sessions/check-output';
import type { CheckAttemptView, QuizAttemptView } from './progress-views';

export function checkAttemptView(row: CheckAttempt): CheckAttemptView {
  // Attempts stored before outputs were capped (64 KiB each) are cut when read.
  const output = capCheckOutput(row.output);
  return {
    step: row.step,
    passed: row.passed,
    exitCode: row.exitCode,
    output,
    outputTruncated: isOutputTruncated(output),
    durationMs: row.durationMs,
    at: row.createdAt.toISOString(),
  };
}

export function quizAttemptView(row: QuizAttempt): QuizAttemptView {
  return { answers: row.answers as Record<string, string[]>, score: row.score, maxScore: row.maxScore, at: row.createdAt.toISOString() };
}
