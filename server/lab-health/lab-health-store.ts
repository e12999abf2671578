/**
 * The history of the nightly lab tests in the database: runs, one result per lab and run,
 * and what the page and the notices read from them — each lab's latest result, and since
 * when it fails (its first failed result after its last pass; postponed results change
 * nothing, a lab not tested keeps its state).
 */
import type { PrismaClient } from '../../generated/prisma/client';
import { ConflictError } from '../errors';
import { lockKeys } from '../db/advisory-locks';
import type { HealthFinding, HealthOutcome } from './lab-health-finding';

export type RunTrigger = 'schedule' | 'admin';

export interface HealthRun {
  id: string;
  trigger: string;
  requestedBy: string | null;
  startedAt: Date;
  windowEndsAt: Date;
  finishedAt: Date | null;
  passed: number;
  failed: number;
  postponed: number;
}

export interface NewResult extends Omit<HealthFinding, 'outcome'> {
  lab: string;
  pack: string;
  packVersion: string | null;
  outcome: HealthOutcome;
  durationMs: number | null;
}

export interface HealthResult extends NewResult {
  id: string;
  runId: string;
  testedAt: Date;
}

export interface LabState {
  /** Its latest result, postponed or not. */
  latest: HealthResult | null;
  /** Its latest result that tested it (passed or failed). */
  lastTested: HealthResult | null;
  /** Its first failed result after its last pass, while it still fails. */
  failingSince: Date | null;
}

/** How long runs are kept: a year of nights. */
const KEEP_DAYS = 365;
const COUNTERS = { passed: 'passed', failed: 'failed', postponed: 'postponed' } as const;
/** Held while a run is opened: two servers asked at once open one run. */
const OPEN_LOCK = lockKeys({ key: 'lab-health-open' });

export class LabHealthStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Opens a run, unless one is going on (on this server or another: its window is not over
   * and it has not finished). A run whose server died stops counting when its window ends.
   */
  openRun(trigger: RunTrigger, requestedBy: string | null, windowMs: number): Promise<HealthRun> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$queryRawUnsafe(`SELECT 1 AS held FROM (SELECT pg_advisory_xact_lock(${OPEN_LOCK.sql})) AS locked`, ...OPEN_LOCK.params);
      const now = this.now();
      const going = await tx.labHealthRun.findFirst({ where: { finishedAt: null, windowEndsAt: { gt: now } }, orderBy: { startedAt: 'desc' } });
      if (going) throw new ConflictError(`Un passage des tests de labs est déjà en cours (commencé le ${going.startedAt.toISOString()}) : attendez sa fin.`);
      await tx.labHealthRun.deleteMany({ where: { startedAt: { lt: new Date(now.getTime() - KEEP_DAYS * 86_400_000) } } });
      return tx.labHealthRun.create({ data: { trigger, requestedBy, startedAt: now, windowEndsAt: new Date(now.getTime() + windowMs) } });
    });
  }

  /** Records one lab's result and counts it in its run. */
  async record(runId: string, result: NewResult): Promise<HealthResult> {
    const [row] = await this.prisma.$transaction([
      this.prisma.labHealthResult.create({ data: { ...result, runId, testedAt: this.now() } }),
      this.prisma.labHealthRun.update({ where: { id: runId }, data: { [COUNTERS[result.outcome]]: { increment: 1 } } }),
    ]);
    return asResult(row);
  }

  async finish(runId: string): Promise<HealthRun> {
    return this.prisma.labHealthRun.update({ where: { id: runId }, data: { finishedAt: this.now() } });
  }

  /** The lab's latest outcome that tested it, before the one being recorded: null when never tested. */
  async lastTestedOutcome(lab: string): Promise<'passed' | 'failed' | null> {
    const row = await this.prisma.labHealthResult.findFirst({
      where: { lab, outcome: { in: ['passed', 'failed'] } },
      orderBy: { testedAt: 'desc' },
      select: { outcome: true },
    });
    return row ? (row.outcome as 'passed' | 'failed') : null;
  }

  /** The run going on now, if any (its window not over, not finished). */
  runningRun(): Promise<HealthRun | null> {
    return this.prisma.labHealthRun.findFirst({ where: { finishedAt: null, windowEndsAt: { gt: this.now() } }, orderBy: { startedAt: 'desc' } });
  }

  recentRuns(count: number): Promise<HealthRun[]> {
    return this.prisma.labHealthRun.findMany({ orderBy: { startedAt: 'desc' }, take: count });
  }

  /** Since when each of these labs fails; labs that pass, or were never tested, are absent. */
  async failingSince(labs: string[]): Promise<Map<string, Date>> {
    if (labs.length === 0) return new Map();
    const passes = await this.prisma.labHealthResult.groupBy({ by: ['lab'], where: { lab: { in: labs }, outcome: 'passed' }, _max: { testedAt: true } });
    const lastPass = new Map(passes.map((row) => [row.lab, row._max.testedAt]));
    const failures = await this.prisma.labHealthResult.groupBy({
      by: ['lab'],
      where: {
        outcome: 'failed',
        OR: labs.map((lab) => {
          const passed = lastPass.get(lab);
          return passed ? { lab, testedAt: { gt: passed } } : { lab };
        }),
      },
      _min: { testedAt: true },
    });
    return new Map(failures.flatMap((row) => (row._min.testedAt ? [[row.lab, row._min.testedAt] as const] : [])));
  }

  /** Each lab's state and its last `historyLength` results, newest first. */
  async states(labs: string[], historyLength: number): Promise<Map<string, LabState & { history: HealthResult[] }>> {
    const [since, histories] = await Promise.all([
      this.failingSince(labs),
      Promise.all(
        labs.map(async (lab) => {
          const rows = await this.prisma.labHealthResult.findMany({ where: { lab }, orderBy: { testedAt: 'desc' }, take: historyLength });
          return [lab, rows.map(asResult)] as const;
        }),
      ),
    ]);
    const states = new Map<string, LabState & { history: HealthResult[] }>();
    for (const [lab, history] of histories) {
      const lastTested = history.find((result) => result.outcome !== 'postponed') ?? (await this.lastTestedResult(lab));
      states.set(lab, { latest: history[0] ?? null, lastTested, failingSince: since.get(lab) ?? null, history });
    }
    return states;
  }

  /** A lab postponed in every run of its history still shows what it last did. */
  private async lastTestedResult(lab: string): Promise<HealthResult | null> {
    const row = await this.prisma.labHealthResult.findFirst({ where: { lab, outcome: { in: ['passed', 'failed'] } }, orderBy: { testedAt: 'desc' } });
    return row ? asResult(row) : null;
  }
}

function asResult(row: Omit<HealthResult, 'outcome'> & { outcome: string }): HealthResult {
  return { ...row, outcome: row.outcome as HealthOutcome };
}
