/** How close a deadline is, for its colour and words on « Mes classes ». */
export type DeadlineState = 'none' | 'later' | 'soon' | 'past';

/** Within this, a deadline is « bientôt ». */
export const SOON_MS = 48 * 3_600_000;

export function deadlineState(dueAt: string | null, now: Date): DeadlineState {
  if (!dueAt) return 'none';
  const left = new Date(dueAt).getTime() - now.getTime();
  if (left <= 0) return 'past';
  return left <= SOON_MS ? 'soon' : 'later';
}

/**
 * The value of an <input type="datetime-local"> (the reader's local time, no zone) as an ISO
 * instant for the server; '' means no deadline.
 */
export function localInputToIso(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
