/**
 * Loads the lab sessions the stuck-student rules read (stuck-students.ts) for one class: its
 * students' sessions of its labs that are running or were paused within the idle delay, with
 * their checks and step events: one query per dashboard refresh, however many labs and
 * students. Who may see the flags is decided before (ClassResults).
 */
import type { PrismaClient } from '../../generated/prisma/client';
import type { ManagedClassView } from '../classes/class-views';
import type { Lab } from '../content/lab';
import { stuckFlags, type StuckReason } from './stuck-students';

export interface StuckStudentFinderDeps {
  prisma: PrismaClient;
  findLab: (slug: string) => Promise<Lab | null>;
  /** DOCKYARD_STUCK_IDLE_MINUTES. */
  idleMinutes: number;
  now?: () => Date;
}

/** A flag as the dashboard shows it: who, which lab, which step (numbered from 1), why. */
export interface StuckFlagView {
  key: string;
  userId: string;
  studentName: string;
  lab: string;
  labTitle: string;
  sessionId: string;
  /** Numbered from 1, as on the lab page. */
  stepNumber: number;
  reason: StuckReason;
  count: number;
  since: string;
  /** Whether the live view can open: the session runs. */
  running: boolean;
}

export class StuckStudentFinder {
  constructor(private readonly deps: StuckStudentFinderDeps) {}

  async flagsOf(managed: ManagedClassView): Promise<StuckFlagView[]> {
    const titles = new Map(managed.assignments.filter((a) => a.kind === 'lab').map((a) => [a.slug, a.title]));
    const labs = [...titles.keys()];
    const students = new Map(managed.members.map((member) => [member.userId, member.name]));
    if (labs.length === 0 || students.size === 0) return [];
    const now = this.deps.now?.() ?? new Date();
    const idleMs = this.deps.idleMinutes * 60_000;
    const rows = await this.deps.prisma.labSession.findMany({
      where: {
        userId: { in: [...students.keys()] },
        lab: { in: labs },
        OR: [{ state: 'running' }, { state: 'paused', pausedAt: { gte: new Date(now.getTime() - idleMs) } }],
      },
      select: {
        id: true,
        userId: true,
        lab: true,
        state: true,
        lastActiveAt: true,
        pausedAt: true,
        attempts: { select: { step: true, passed: true, createdAt: true } },
        stepEvents: { where: { kind: { in: ['started', 'solution'] } }, select: { step: true, kind: true, createdAt: true } },
      },
    });
    // Only the labs someone is in: most polls of a class between labs load none.
    const running = [...new Set(rows.map((row) => row.lab))];
    const specs = new Map(await Promise.all(running.map(async (slug) => [slug, await this.deps.findLab(slug)] as const)));
    // userId is never null here (the query asked for the class's students): the guard says so to the types.
    const sessions = rows.flatMap(({ userId, stepEvents, ...row }) =>
      userId === null ? [] : [{ ...row, userId, stepCount: specs.get(row.lab)?.steps.length ?? null, events: stepEvents }],
    );
    return stuckFlags(sessions, { now, idleMs }).map((flag) => ({
      key: flag.key,
      userId: flag.userId,
      studentName: students.get(flag.userId) ?? '',
      lab: flag.lab,
      labTitle: titles.get(flag.lab) ?? flag.lab,
      sessionId: flag.sessionId,
      stepNumber: flag.step + 1,
      reason: flag.reason,
      count: flag.count,
      since: flag.since.toISOString(),
      running: flag.running,
    }));
  }
}
