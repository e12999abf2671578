/**
 * A fixed-window counter per key (a user, an e-mail address…), in memory: right for one
 * process (PGlite), where a restart forgetting the counts only gives a little slack back.
 * Several servers on PostgreSQL count in the database instead (shared-rate-limiter.ts).
 */
import { TooManyRequestsError } from '../errors';

export interface RateLimit {
  max: number;
  windowMs: number;
}

/** What routes count attempts with: in memory (one process) or in the database (replicas). */
export interface AttemptLimiter {
  /** Counts one attempt for `key`, or throws a 429 (TooManyRequestsError) when the window is already full. */
  take(key: string): void | Promise<void>;
}

interface Window {
  startedAt: number;
  count: number;
}

/** Beyond this many keys, windows already over are forgotten (a flood of keys cannot fill memory). */
const PRUNE_ABOVE = 10_000;

export class RateLimiter implements AttemptLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limit: RateLimit,
    /** Says what was refused and when to try again, in French, from the wait in seconds. */
    private readonly refusal: (retryInSeconds: number) => string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one attempt for `key`, or throws a 429 when the window is already full. */
  take(key: string): void {
    const now = this.now();
    const current = this.windows.get(key);
    if (!current || now - current.startedAt >= this.limit.windowMs) {
      if (this.windows.size >= PRUNE_ABOVE) this.prune(now);
      this.windows.set(key, { startedAt: now, count: 1 });
      return;
    }
    if (current.count >= this.limit.max) {
      const retryInSeconds = Math.max(1, Math.ceil((current.startedAt + this.limit.windowMs - now) / 1000));
      throw new TooManyRequestsError(this.refusal(retryInSeconds));
    }
    current.count += 1;
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows) {
      if (now - window.startedAt >= this.limit.windowMs) this.windows.delete(key);
    }
  }
}

/** « 40 secondes », « 3 minutes »: how long to wait, as a person says it. */
export function formatWait(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 seconde' : `${seconds} secondes`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
