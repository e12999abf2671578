/**
 * Where a student stands on an assignment, for the class dashboard: not started, in
 * progress, done, or late. Late is what the instructor must act on: done after the deadline,
 * or still not done once it passed.
 */
import type { ProgressStatus } from './lab-progress';

export type AssignmentStatus = ProgressStatus | 'late';

export interface AssignmentOutcome {
  status: ProgressStatus;
  /** When it became done; null while it is not. */
  completedAt: Date | null;
}

export function assignmentStatus(outcome: AssignmentOutcome, dueAt: Date | null, now: Date): AssignmentStatus {
  if (!dueAt) return outcome.status;
  if (outcome.status === 'done') return outcome.completedAt && outcome.completedAt > dueAt ? 'late' : 'done';
  return now > dueAt ? 'late' : outcome.status;
}
