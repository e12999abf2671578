/**
 * Labs that last: a session is paused (its machines stop, their disks are kept), resumed
 * later, and its machines go back to any step passed (a snapshot is taken at each pass). The
 * runtime does the machine work (SandboxDriver.pause, resume, snapshot, restore); this keeps
 * the records: the session's state, how long a paused lab is kept, each student's storage
 * quota, and an event for graders at each pause, resume and restore.
 */
import type { PrismaClient } from '../../generated/prisma/client';
import type { SandboxDriver } from '../../runtime/driver';
import { NotFoundError } from '../errors';

/** The operator's settings (server/env.ts): DOCKYARD_PAUSED_LAB_DAYS, DOCKYARD_PAUSED_QUOTA_GIB. */
export interface PauseSettings {
  /** Days a paused lab is kept before it is deleted (0: no pausing, labs end as before). */
  keepDays: number;
  /** Disk one student's paused labs may hold, in MiB; past it, the oldest goes a day later. */
  quotaMiB: number;
}


/** Who or what paused a lab, restored its machines or resumed it. */
export type PauseReason = 'student' | 'lifetime' | 'idle' | 'instructor';

/** A paused lab over its student's quota goes this long after they are told. */
export const QUOTA_NOTICE_MS = 24 * 3_600_000;
const DAY_MS = 24 * 3_600_000;
const MIB = 1024 * 1024;

/** A student's paused labs and what they hold. */
export interface PausedStorage {
  /** Labs pause here (the operator did not turn it off): the page offers « Mettre en pause ». */
  pausing: boolean;
  usedMiB: number;
  quotaMiB: number;
  labs: Array<{ sessionId: string; lab: string; storageMiB: number; pausedAt: string; keepUntil: string; keepReason: string }>;
}

/**
 * A running session whose machines are being started again (resumed, restored) has pausedAt
 * set meanwhile: its nodes may be stopped then (or on a member in maintenance, about to move
 * off it), for up to this long, without the session being ended for it.
 */
const WAKING_GRACE_MS = 5 * 60_000;

export function isWaking(session: { pausedAt: Date | null }, now: number): boolean {
  return session.pausedAt !== null && session.pausedAt.getTime() > now - WAKING_GRACE_MS;
}

/** The snapshot of a step (0-based), as the runtime names it: « step-1 » for the first. */
export const snapshotLabel = (step: number): string => `step-${step + 1}`;

interface SessionPausesDeps {
  prisma: PrismaClient;
  driver: SandboxDriver;
  /** None: labs neither pause nor keep snapshots (a lab:test run, tests of other things). */
  settings?: PauseSettings;
  now: () => Date;
  /** The session's terminals close, their students told why (end-reasons.ts). */
  onStopped?: (sessionId: string, reason: string) => void;
  log?: (message: string) => void;
}

export class SessionPauses {
  /** Snapshots being taken, per session: a pause or a restore waits for them. */
  private readonly snapshotting = new Map<string, Promise<void>>();

  constructor(private readonly deps: SessionPausesDeps) {}

  /** Labs pause (at the student's request, at their time, when idle) instead of ending. */
  get enabled(): boolean {
    return (this.deps.settings?.keepDays ?? 0) > 0;
  }

  /** DOCKYARD_PAUSED_LAB_DAYS, for the privacy note (0: labs do not pause). */
  get keepDays(): number {
    return this.settings.keepDays;
  }

  private get settings(): PauseSettings {
    return this.deps.settings ?? { keepDays: 0, quotaMiB: 0 };
  }

  private get prisma() {
    return this.deps.prisma;
  }

  /**
   * Running → paused: its machines stop with everything on them. False when it was not
   * running any more (a second click, the reaper first): nothing is done twice.
   */
  async pause(sessionId: string, reason: PauseReason, actorId?: string): Promise<boolean> {
    const now = this.deps.now();
    const { count } = await this.prisma.labSession.updateMany({
      where: { id: sessionId, state: 'running' },
      data: { state: 'paused', pausedAt: now, keepUntil: this.keptUntil(now), keepReason: 'retention' },
    });
    if (count === 0) return false;
    await this.snapshotting.get(sessionId);
    const nodes = await this.prisma.sandboxNode.findMany({ where: { sessionId } });
    // The terminals close once the machines are stopped: closing them ends the student's
    // shell, whose directory the machine keeps for the next one as it stops; and once the
    // storage is written, which the page asks for as soon as it is told.
    let row;
    try {
      const bytes = await Promise.all(nodes.map(async (node) => (await this.deps.driver.pause(node.sandboxId)).addedBytes));
      row = await this.prisma.labSession.update({
        where: { id: sessionId },
        data: { storageMiB: Math.ceil(bytes.reduce((sum, n) => sum + n, 0) / MIB) },
      });
    } finally {
      this.deps.onStopped?.(sessionId, `paused-${reason}`);
    }
    await this.record(sessionId, 'paused', reason, actorId);
    await this.applyQuota(row.ownerId);
    return true;
  }

  /**
   * The machines of a session the caller has just marked running again (its capacity taken)
   * start; on failure the session is paused again as it was, and the error goes up.
   */
  async wake(session: { id: string; ownerId: string; pausedAt: Date | null; keepUntil: Date | null; keepReason: string | null; storageMiB: number | null }, actorId?: string): Promise<void> {
    const nodes = await this.prisma.sandboxNode.findMany({ where: { sessionId: session.id } });
    try {
      await Promise.all(nodes.map((node) => this.deps.driver.resume(node.sandboxId)));
    } catch (error) {
      const { pausedAt, keepUntil, keepReason, storageMiB } = session;
      await this.prisma.labSession.update({ where: { id: session.id }, data: { state: 'paused', pausedAt, keepUntil, keepReason, storageMiB } });
      throw error;
    }
    await this.record(session.id, 'resumed', actorId ? 'instructor' : 'student', actorId);
    await this.applyQuota(session.ownerId);
  }

  /**
   * At a passed step, every machine of the session is kept as it is now. Awaited by the check
   * (a few hundred ms): taken later, it could hold what the student did after the pass. A
   * failure is logged, not the student's problem: that step just cannot be gone back to.
   */
  async snapshotPassed(sessionId: string, step: number, sandboxIds: string[]): Promise<void> {
    if (!this.deps.settings) return;
    const previous = this.snapshotting.get(sessionId) ?? Promise.resolve();
    const taking = previous
      .then(async () => {
        await Promise.all(sandboxIds.map((id) => this.deps.driver.snapshot(id, snapshotLabel(step))));
        const createdAt = this.deps.now();
        await this.prisma.stepSnapshot.upsert({
          where: { sessionId_step: { sessionId, step } },
          create: { sessionId, step, createdAt },
          update: { createdAt },
        });
      })
      .catch((error: Error) => this.deps.log?.(`instantané de l’étape ${step + 1} non pris (session ${sessionId}) : ${error.message}`));
    this.snapshotting.set(sessionId, taking);
    await taking.finally(() => {
      if (this.snapshotting.get(sessionId) === taking) this.snapshotting.delete(sessionId);
    });
  }

  /** The steps (0-based) a session's machines can go back to, in order. */
  async restorableSteps(sessionId: string): Promise<number[]> {
    const rows = await this.prisma.stepSnapshot.findMany({ where: { sessionId }, orderBy: { step: 'asc' }, select: { step: true } });
    return rows.map((row) => row.step);
  }

  /**
   * Every machine back as it was when `step` was passed; the snapshots of later steps go
   * (that future is gone). The terminals close; the next attach opens the restored shell.
   */
  async restore(sessionId: string, step: number, reason: 'student' | 'instructor', actorId?: string): Promise<void> {
    await this.snapshotting.get(sessionId);
    const snapshot = await this.prisma.stepSnapshot.findUnique({ where: { sessionId_step: { sessionId, step } } });
    if (!snapshot) {
      throw new NotFoundError(`Aucun instantané de l’étape ${step + 1} : elle n’a pas encore été réussie dans ce lab.`);
    }
    const nodes = await this.prisma.sandboxNode.findMany({ where: { sessionId } });
    this.deps.onStopped?.(sessionId, 'restored');
    // The machines stop for a moment: pausedAt tells the reaper they are coming back (not lost).
    await this.prisma.labSession.update({ where: { id: sessionId }, data: { pausedAt: this.deps.now() } });
    await Promise.all(nodes.map((node) => this.deps.driver.restore(node.sandboxId, snapshotLabel(step)))).finally(() =>
      this.prisma.labSession.update({ where: { id: sessionId }, data: { pausedAt: null } }),
    );
    const later = await this.prisma.stepSnapshot.findMany({ where: { sessionId, step: { gt: step } } });
    await Promise.all(later.flatMap((s) => nodes.map((node) => this.deps.driver.deleteSnapshot(node.sandboxId, snapshotLabel(s.step)))));
    await this.prisma.stepSnapshot.deleteMany({ where: { sessionId, step: { gt: step } } });
    await this.record(sessionId, 'restored', reason, actorId, step);
  }

  /** A student's paused labs, oldest first, with what they hold against the quota. */
  async storageOf(ownerId: string): Promise<PausedStorage> {
    const paused = await this.pausedOf(ownerId);
    return {
      pausing: this.enabled,
      usedMiB: paused.reduce((sum, row) => sum + (row.storageMiB ?? 0), 0),
      quotaMiB: this.settings.quotaMiB,
      labs: paused.map((row) => ({
        sessionId: row.id,
        lab: row.lab,
        storageMiB: row.storageMiB ?? 0,
        pausedAt: (row.pausedAt ?? row.createdAt).toISOString(),
        keepUntil: (row.keepUntil ?? this.deps.now()).toISOString(),
        keepReason: row.keepReason ?? 'retention',
      })),
    };
  }

  /** Disk held by every paused lab (the operator's /admin). */
  async totalPausedMiB(): Promise<{ labs: number; storageMiB: number }> {
    const total = await this.prisma.labSession.aggregate({ where: { state: 'paused' }, _sum: { storageMiB: true }, _count: true });
    return { labs: total._count, storageMiB: total._sum.storageMiB ?? 0 };
  }

  /** Paused labs whose time is up, and why (retention or quota): the reaper deletes them. */
  async due(): Promise<Array<{ id: string; reason: 'retention' | 'quota' }>> {
    const rows = await this.prisma.labSession.findMany({
      where: { state: 'paused', keepUntil: { lte: this.deps.now() } },
      select: { id: true, keepReason: true },
    });
    return rows.map((row) => ({ id: row.id, reason: row.keepReason === 'quota' ? 'quota' : 'retention' }));
  }

  /**
   * Oldest first, a paused lab that the quota cannot hold with the newer ones goes a day
   * from now (it says so until then); one that fits again (another was resumed or deleted)
   * is kept its usual time again.
   */
  private async applyQuota(ownerId: string): Promise<void> {
    const paused = await this.pausedOf(ownerId);
    let used = paused.reduce((sum, row) => sum + (row.storageMiB ?? 0), 0);
    const notice = new Date(this.deps.now().getTime() + QUOTA_NOTICE_MS);
    for (const row of paused) {
      const over = used > this.settings.quotaMiB;
      used -= row.storageMiB ?? 0;
      if (over && row.keepReason !== 'quota') {
        const keepUntil = row.keepUntil && row.keepUntil < notice ? row.keepUntil : notice;
        await this.prisma.labSession.update({ where: { id: row.id }, data: { keepUntil, keepReason: 'quota' } });
      } else if (!over && row.keepReason === 'quota') {
        const keepUntil = this.keptUntil(row.pausedAt ?? this.deps.now());
        await this.prisma.labSession.update({ where: { id: row.id }, data: { keepUntil, keepReason: 'retention' } });
      }
    }
  }

  private pausedOf(ownerId: string) {
    return this.prisma.labSession.findMany({ where: { ownerId, state: 'paused' }, orderBy: { pausedAt: 'asc' } });
  }

  private keptUntil(pausedAt: Date): Date {
    return new Date(pausedAt.getTime() + this.settings.keepDays * DAY_MS);
  }

  private async record(sessionId: string, kind: 'paused' | 'resumed' | 'restored', reason: string, actorId?: string, step?: number) {
    await this.prisma.sessionEvent.create({ data: { sessionId, kind, reason, actorId: actorId ?? null, step: step ?? null, createdAt: this.deps.now() } });
  }
}
