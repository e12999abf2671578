/**
 * The rate limits that matter for security or shared resources, counted in PostgreSQL when
 * several servers (web replicas) share it: in memory, each replica would allow the limit
 * again, and a load balancer spreads one client's attempts over all of them. One row per key
 * (a fixed window, like rate-limiter.ts), counted and read in one atomic statement with the
 * database's clock, so replicas with drifting clocks agree. Rows whose window is over are
 * deleted now and then.
 */
import type { PrismaClient } from '../../generated/prisma/client';
import { TooManyRequestsError } from '../errors';
import type { AttemptLimiter, RateLimit } from './rate-limiter';

/** How often one process deletes the windows that are over. */
const PRUNE_EVERY_MS = 5 * 60_000;

const COUNT_ONE = `
  INSERT INTO "_dockyard_rate_windows" AS w ("key", "endsAt", "count")
  VALUES ($1, now() + make_interval(secs => $2::float8 / 1000), 1)
  ON CONFLICT ("key") DO UPDATE SET
    "count" = CASE WHEN w."endsAt" <= now() THEN 1 ELSE w."count" + 1 END,
    "endsAt" = CASE WHEN w."endsAt" <= now() THEN EXCLUDED."endsAt" ELSE w."endsAt" END
  RETURNING "count", CEIL(EXTRACT(EPOCH FROM ("endsAt" - now())))::int AS "secondsLeft"`;

export interface CountedAttempt {
  /** Attempts in the current window, this one included. */
  count: number;
  /** Until the window ends. */
  secondsLeft: number;
}

/** The table's counters, shared by every limiter of the process (each under its own prefix). */
export class RateWindows {
  private lastPrune = 0;

  constructor(private readonly prisma: PrismaClient) {}

  async count(key: string, windowMs: number): Promise<CountedAttempt> {
    const [row] = await this.prisma.$queryRawUnsafe<CountedAttempt[]>(COUNT_ONE, key, windowMs);
    this.pruneNowAndThen();
    return { count: Number(row?.count ?? 1), secondsLeft: Math.max(1, Number(row?.secondsLeft ?? 1)) };
  }

  private pruneNowAndThen(): void {
    if (Date.now() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = Date.now();
    void this.prisma.$executeRawUnsafe(`DELETE FROM "_dockyard_rate_windows" WHERE "endsAt" < now()`).catch(() => undefined);
  }
}

export class SharedRateLimiter implements AttemptLimiter {
  constructor(
    private readonly windows: RateWindows,
    /** Names this limit's keys in the shared table (`labStarts`, `signIn`…). */
    private readonly name: string,
    private readonly limit: RateLimit,
    private readonly refusal: (retryInSeconds: number) => string,
  ) {}

  async take(key: string): Promise<void> {
    const { count, secondsLeft } = await this.windows.count(`${this.name}:${key}`, this.limit.windowMs);
    if (count > this.limit.max) throw new TooManyRequestsError(this.refusal(secondsLeft));
  }
}
