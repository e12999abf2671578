/**
 * A student's result on one quiz: the best of their attempts (retrying is allowed and
 * encouraged, so a worse retry does not lower the grade), and when it was first reached.
 */

export interface QuizAttemptRecord {
  score: number;
  maxScore: number;
  createdAt: Date;
}

export interface QuizProgress {
  score: number;
  maxScore: number;
  attempts: number;
  /** When the quiz was first answered: it is « done » from then on (for deadlines). */
  firstAt: Date;
  /** When the best score was first reached. */
  bestAt: Date;
}

export function computeQuizProgress(attempts: QuizAttemptRecord[]): QuizProgress | null {
  const chronological = [...attempts].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  let best: QuizAttemptRecord | null = null;
  for (const attempt of chronological) {
    if (best === null || ratio(attempt) > ratio(best)) best = attempt;
  }
  const first = chronological[0];
  if (!best || !first) return null;
  return { score: best.score, maxScore: best.maxScore, attempts: attempts.length, firstAt: first.createdAt, bestAt: best.createdAt };
}

// Compared as ratios: a quiz edited between attempts may have changed its maximum.
const ratio = (attempt: QuizAttemptRecord) => (attempt.maxScore === 0 ? 0 : attempt.score / attempt.maxScore);
