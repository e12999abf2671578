/**
 * Lab sessions: start one (a sandbox per lab node), find it again, check a step, extend,
 * reset or end it. Every call names the owner, and a session that is not theirs is reported
 * as not found, so nobody can learn that another student's session exists. A session past
 * its expiry is over even before the reaper comes by: any call that meets one ends it.
 */
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../generated/prisma/client';
import type { ExecResult, SandboxDriver, SandboxLimits } from '../../runtime/driver';
import { RuntimeTimeoutError } from '../../runtime/errors';
import { localLock, type ClusterLock } from '../cluster/cluster-lock';
import { lockKeys } from '../db/advisory-locks';
import { ConflictError, NotFoundError } from '../errors';
import { CapacityError } from './capacity-error';
import { endReasonOfNodes } from './end-reasons';
import { capCheckOutput, isOutputTruncated } from './check-output';
import { KeyedLock } from './keyed-lock';
import { LAB_SCRIPT_COMMAND, LabScripts, type AssetSpec, type BackgroundRun, type PageScriptsSpec, type SessionMachines } from './lab-scripts';
import { startPagesUpTo } from './page-starts';
import {
  DEFAULT_CAPACITY,
  DEFAULT_LIFETIME,
  extendedExpiry,
  formatMinutes,
  initialExpiry,
  maxExpiry,
  minutesUntil,
  sessionPlaces,
  withTimeLimit,
  type CapacitySettings,
  type LifetimeSettings,
} from './lifetime';
import type { AttemptView, SessionView } from './session-view';
import { killercodaAliases } from '../content/killercoda-hosts';
import { isWaking, SessionPauses, type PauseReason, type PauseSettings, type PausedStorage } from './session-pauses';
import type { LabStartKind, SessionMetrics } from '../metrics/metric-hooks';

/**
 * The part of a lab the session service needs (server/content provides it). Killercoda's
 * scripts, assets and the time limit are optional: a lab may have none.
 */
export interface LabSpec {
  slug: string;
  /** Its pack's version (a git commit): the session keeps reading this one. Absent: read as it is. */
  version?: string | null;
  image: string;
  /** In the author's order: the first one is Killercoda's host01, where page scripts run. */
  nodes: string[];
  steps: Array<PageScriptsSpec & { index: number; verifyScript: string | null; /** Checked on this node (default: the first). */ node?: string }>;
  intro?: PageScriptsSpec;
  finish?: PageScriptsSpec;
  assets?: AssetSpec[];
  timeLimitMinutes?: number | null;
}

/** A page the student opens: a step (0-based) or the conclusion. */
export type LabPageRef = number | 'finish';

export interface SessionServiceDeps {
  prisma: PrismaClient;
  driver: SandboxDriver;
  /** Resolves a lab by id (at its pack's `version`, the current one when absent), or null when there is none. */
  findLab: (slug: string, version?: string | null) => Promise<LabSpec | null>;
  limits?: SandboxLimits;
  checkTimeoutMs?: number;
  lifetime?: LifetimeSettings;
  capacity?: CapacitySettings;
  /** Called when a session ends, so open terminals can be closed and their student told why (end-reasons.ts); also at a pause or a restore. */
  onEnded?: (sessionId: string, reason: string) => void;
  /** Called when the session's score may have changed (a check recorded, the session ended): LTI sends it to the LMS. */
  onGradeChanged?: (sessionId: string) => void;
  /**
   * How long paused labs are kept and how much each student may keep (keepDays 0: labs end
   * instead of pausing); none: no pausing and no step snapshots (lab:test, tests of other things).
   */
  pauses?: PauseSettings;
  log?: (message: string) => void;
  /** Runs Killercoda's assets and page scripts; by default without foreground scripts (no terminal). */
  scripts?: LabScripts;
  /**
   * « One at a time » for a student's start and a session's pages, across every server sharing
   * the database (server/cluster); in this process only by default.
   */
  locks?: ClusterLock;
  /** Starts, checks and refusals counted and timed (server/metrics); none: not measured. */
  metrics?: SessionMetrics;
  now?: () => Date;
}

const SESSION_NOT_FOUND = "Cette session de lab n'existe pas ou n'est plus active. Rechargez la page pour en démarrer une.";
const SESSION_EXPIRED =
  'Le temps de ce lab est écoulé : sa machine a été supprimée. Rechargez la page pour en démarrer une nouvelle.';
const SESSION_PAUSED_AT_EXPIRY =
  'Le temps de ce lab est écoulé : il a été mis en pause, tout ce que vous y avez fait est gardé. Rechargez la page pour le reprendre.';

type SessionRow = Awaited<ReturnType<SessionService['requireRunning']>>;
type Transaction = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** Waiting for a connection and for another server's count are both short; Prisma's defaults (2 s, 5 s) are tight under load. */
const CAPACITY_TRANSACTION = { maxWait: 10_000, timeout: 15_000 };

export class SessionService {
  /**
   * Two quick clicks (on any server) must not build two labs (key `start:owner/lab`); the
   * pages a session starts start once each and in order (key `pages:session`).
   */
  private readonly locks: ClusterLock;
  /**
   * Serialises « is there room? » with the insert that takes the room: in this process here,
   * across servers by an advisory lock in the same transaction (reserve).
   */
  private readonly capacityLock = new KeyedLock();
  private readonly scripts: LabScripts;
  readonly pauses: SessionPauses;

  constructor(private readonly deps: SessionServiceDeps) {
    this.scripts = deps.scripts ?? new LabScripts({ driver: deps.driver });
    this.locks = deps.locks ?? localLock();
    this.pauses = new SessionPauses({
      prisma: deps.prisma,
      driver: deps.driver,
      settings: deps.pauses,
      now: () => this.now(),
      onStopped: deps.onEnded,
      log: deps.log,
    });
  }

  private get prisma() {
    return this.deps.prisma;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** The session's lifetime rules: the operator's, capped by the lab's time limit if it has one. */
  private lifetimeOf(session: { timeLimitMinutes: number | null }): LifetimeSettings {
    return withTimeLimit(this.deps.lifetime ?? DEFAULT_LIFETIME, session.timeLimitMinutes);
  }

  /**
   * Returns the owner's running session of this lab, creating its sandboxes if needed.
   * `userId` names the account when the owner is one (then the same id), null for an
   * anonymous browser in workshop mode.
   */
  async start(ownerId: string, labSlug: string, userId: string | null = null): Promise<SessionView> {
    const since = performance.now();
    const lab = await this.requireLab(labSlug);
    // Two quick clicks must not create two sandboxes.
    return this.locks.run(`start:${ownerId}/${lab.slug}`, async () => {
      const existing = await this.findRunning(ownerId, lab.slug);
      if (existing) return existing;
      const paused = await this.findPaused(ownerId, lab.slug);
      if (paused) return this.measured(lab, 'resumed', since, () => this.wake(ownerId, lab, paused.id));
      return this.measured(lab, 'new', since, () => this.create(ownerId, lab, userId));
    });
  }

  /** The owner's session of this lab the page shows: running, else paused; null when there is none. */
  async findCurrent(ownerId: string, labSlug: string): Promise<SessionView | null> {
    const running = await this.findRunning(ownerId, labSlug);
    if (running) return running;
    const paused = await this.findPaused(ownerId, labSlug);
    return paused ? this.toView(paused) : null;
  }

  /** The pack version the owner's running or paused session of this lab reads (null: none, or read as it is). */
  async contentVersionOf(ownerId: string, labSlug: string): Promise<string | null> {
    const row = await this.prisma.labSession.findFirst({
      where: { ownerId, lab: labSlug, state: { in: ['running', 'paused'] } },
      select: { contentVersion: true },
      orderBy: { createdAt: 'desc' },
    });
    return row?.contentVersion ?? null;
  }

  /** « Mettre en pause »: the machines stop and keep everything; « Reprendre » brings them back. */
  async pause(ownerId: string, sessionId: string): Promise<SessionView> {
    await this.requireRunning(ownerId, sessionId);
    if (!this.pauses.enabled) throw new ConflictError('La mise en pause des labs est désactivée sur ce serveur : terminez le lab, ou continuez-le.');
    await this.locks.run(`pages:${sessionId}`, () => this.pauses.pause(sessionId, 'student'));
    return this.toView(await this.sessionRow(sessionId));
  }

  /** « Reprendre »: the paused lab's machines start again, with a new lifetime. */
  async resume(ownerId: string, sessionId: string): Promise<SessionView> {
    const since = performance.now();
    const row = await this.sessionRow(sessionId).catch(() => null);
    if (!row || row.ownerId !== ownerId) throw new NotFoundError(SESSION_NOT_FOUND);
    const lab = await this.requireLab(row.lab, row.contentVersion);
    return this.locks.run(`start:${ownerId}/${lab.slug}`, async () => {
      const current = await this.sessionRow(sessionId);
      if (current.state === 'running') return this.toView(current);
      if (current.state !== 'paused') throw new NotFoundError(SESSION_NOT_FOUND);
      return this.measured(lab, 'resumed', since, () => this.wake(ownerId, lab, sessionId));
    });
  }

  /** « Revenir à l'étape N » (0-based `step`): every machine as it was when that step was passed. */
  async restore(ownerId: string, sessionId: string, step: number, instructorId?: string): Promise<SessionView> {
    await this.requireRunning(ownerId, sessionId);
    await this.locks.run(`pages:${sessionId}`, () => this.pauses.restore(sessionId, step, instructorId ? 'instructor' : 'student', instructorId));
    await this.touch(sessionId);
    return this.toView(await this.sessionRow(sessionId));
  }

  /** The owner's paused labs and their storage against the quota. */
  pausedStorage(ownerId: string): Promise<PausedStorage> {
    return this.pauses.storageOf(ownerId);
  }

  /**
   * The lifetime is over or the student left (the reaper, or a request that meets it): the lab
   * is paused when pausing is on, ended otherwise.
   */
  async timeUp(sessionId: string, reason: Extract<PauseReason, 'lifetime' | 'idle'>): Promise<'paused' | 'ended'> {
    if (!this.pauses.enabled) {
      await this.endSession(sessionId, reason === 'lifetime' ? 'expired' : 'idle');
      return 'ended';
    }
    await this.locks.run(`pages:${sessionId}`, () => this.pauses.pause(sessionId, reason));
    return 'paused';
  }

  private findPaused(ownerId: string, labSlug: string) {
    return this.prisma.labSession.findFirst({
      where: { ownerId, lab: labSlug, state: 'paused' },
      include: { nodes: true },
      orderBy: { createdAt: 'desc' },
    });
  }

  private sessionRow(sessionId: string) {
    return this.prisma.labSession.findUniqueOrThrow({ where: { id: sessionId }, include: { nodes: true } });
  }

  /** A paused session takes a running place again (or is refused like a start), then its machines start. */
  private async wake(ownerId: string, lab: LabSpec, sessionId: string): Promise<SessionView> {
    const before = await this.sessionRow(sessionId);
    await this.reserve(ownerId, (tx, now) =>
      tx.labSession.update({
        where: { id: sessionId },
        data: {
          state: 'running',
          runningSince: now,
          lastActiveAt: now,
          expiresAt: initialExpiry(now, this.lifetimeOf(before)),
          // Until its machines answer: the reaper does not take them, still stopped, for lost.
          pausedAt: now,
          keepUntil: null,
          keepReason: null,
          storageMiB: null,
        },
      }),
    );
    await this.pauses.wake(before);
    await this.prisma.labSession.update({ where: { id: sessionId }, data: { pausedAt: null } });
    return this.toView(await this.sessionRow(sessionId));
  }

  async findRunning(ownerId: string, labSlug: string): Promise<SessionView | null> {
    const row = await this.prisma.labSession.findFirst({
      where: { ownerId, lab: labSlug, state: 'running' },
      include: { nodes: true },
      orderBy: { createdAt: 'desc' },
    });
    if (!row) return null;
    if (this.isExpired(row)) {
      await this.timeUp(row.id, 'lifetime');
      return null;
    }
    // A sandbox may have vanished (engine restarted, removed by hand) or its machine be down
    // (a cluster member): say so honestly.
    const statuses = await Promise.all(row.nodes.map((n) => this.deps.driver.status(n.sandboxId)));
    const ended = row.nodes.length === 0 ? 'lost' : endReasonOfNodes(statuses);
    if (ended && !isWaking(row, this.now().getTime())) {
      await this.endSession(row.id, ended);
      return null;
    }
    return this.toView(row);
  }

  /** The sandbox behind one node of an owner's running session. */
  async sandboxFor(ownerId: string, sessionId: string, node?: string): Promise<{ sandboxId: string; node: string }> {
    const row = await this.requireRunning(ownerId, sessionId);
    const found = node ? row.nodes.find((n) => n.name === node) : row.nodes[0];
    if (!found) throw new NotFoundError(`Ce lab n'a pas de machine nommée « ${node} ».`);
    return { sandboxId: found.sandboxId, node: found.name };
  }

  async end(ownerId: string, sessionId: string): Promise<SessionView> {
    await this.requireRunning(ownerId, sessionId);
    return this.endSession(sessionId, 'finished');
  }

  /** Ends every running session of an owner (an account being disabled); returns how many. */
  async endAllOf(ownerId: string, reason: string): Promise<number> {
    const running = await this.prisma.labSession.findMany({ where: { ownerId, state: 'running' }, select: { id: true } });
    await Promise.all(running.map((row) => this.endSession(row.id, reason)));
    return running.length;
  }

  /** « Prolonger »: pushes the expiry back by one extension, never past the maximum lifetime. */
  async extend(ownerId: string, sessionId: string): Promise<SessionView> {
    const row = await this.requireRunning(ownerId, sessionId);
    const lifetime = this.lifetimeOf(row);
    const expiresAt = extendedExpiry(row.expiresAt, row.runningSince ?? row.createdAt, lifetime);
    if (!expiresAt) {
      throw new ConflictError(
        `Ce lab a atteint sa durée maximale (${formatMinutes(Math.round(lifetime.maxMs / 60_000))}) : ` +
          'il ne peut plus être prolongé. Pensez à noter ce que vous voulez garder.',
      );
    }
    const updated = await this.prisma.labSession.update({
      where: { id: sessionId },
      data: { expiresAt, lastActiveAt: this.now() },
      include: { nodes: true },
    });
    return this.toView(updated);
  }

  /**
   * « Réinitialiser »: ends the session (its sandboxes are destroyed) and starts a fresh one
   * of the same lab, with new sandboxes and a new lifetime.
   */
  async reset(ownerId: string, sessionId: string): Promise<SessionView> {
    const since = performance.now();
    const row = await this.requireRunning(ownerId, sessionId);
    const lab = await this.requireLab(row.lab, row.contentVersion);
    return this.locks.run(`start:${ownerId}/${lab.slug}`, async () => {
      const { endedNow } = await this.finish(sessionId, 'reset');
      // Already ended by someone else (a second tab's reset, say): its replacement, if any, will do.
      if (!endedNow) {
        const replacement = await this.findRunning(ownerId, lab.slug);
        if (replacement) return replacement;
      }
      return this.measured(lab, 'new', since, () => this.create(ownerId, lab, row.userId));
    });
  }

  /** Runs the step's verify script inside the sandbox (never in the browser) and records it. */
  async check(ownerId: string, sessionId: string, stepIndex: number): Promise<AttemptView> {
    const row = await this.requireRunning(ownerId, sessionId);
    const lab = await this.requireLab(row.lab, row.contentVersion);
    const step = lab.steps.find((s) => s.index === stepIndex);
    if (!step) throw new NotFoundError(`Ce lab n'a pas d'étape numéro ${stepIndex + 1}.`);
    if (!step.verifyScript) throw new ConflictError("Cette étape n'a rien à vérifier : passez à la suivante.");
    const checkedOn = step.node ?? lab.nodes[0];
    const node = row.nodes.find((candidate) => candidate.name === checkedOn);
    if (!node) throw new NotFoundError(SESSION_NOT_FOUND);

    const started = Date.now();
    const result = await this.runCheck(node.sandboxId, step.verifyScript);
    const durationMs = Date.now() - started;
    const attempt = await this.prisma.checkAttempt.create({
      data: {
        sessionId,
        step: stepIndex,
        passed: result.exitCode === 0,
        exitCode: result.exitCode,
        output: capCheckOutput(result.output),
        durationMs,
      },
    });
    this.deps.metrics?.checkRan(lab.slug, attempt.passed, durationMs / 1000);
    await this.touch(sessionId);
    this.deps.onGradeChanged?.(sessionId);
    if (attempt.passed) await this.pauses.snapshotPassed(sessionId, stepIndex, row.nodes.map((n) => n.sandboxId));
    return {
      id: attempt.id,
      step: attempt.step,
      passed: attempt.passed,
      output: attempt.output,
      outputTruncated: isOutputTruncated(attempt.output),
      createdAt: attempt.createdAt.toISOString(),
    };
  }

  /** The student opened a step, or the conclusion: the pages up to it start (page-starts.ts). */
  async visit(ownerId: string, sessionId: string, page: LabPageRef): Promise<void> {
    const row = await this.requireRunning(ownerId, sessionId);
    const lab = await this.requireLab(row.lab, row.contentVersion);
    if (page !== 'finish' && !lab.steps[page]) throw new NotFoundError(`Ce lab n'a pas d'étape numéro ${page + 1}.`);
    const last = page === 'finish' ? lab.steps.length : page;
    await this.locks.run(`pages:${sessionId}`, () =>
      startPagesUpTo({ prisma: this.prisma, scripts: this.scripts }, this.machinesOf(row, lab), lab, last),
    );
    await this.touch(sessionId);
  }

  /**
   * Places a new session would find now, as a start counts them (0: it would be refused for
   * lack of room). The nightly lab tests wait for one, so that they yield to students.
   */
  async freePlaces(): Promise<number> {
    const { perMachine } = this.deps.capacity ?? DEFAULT_CAPACITY;
    const room = sessionPlaces(perMachine, await this.deps.driver.machines());
    const running = await this.prisma.labSession.count({ where: { state: 'running', expiresAt: { gt: this.now() } } });
    return Math.max(0, room.places - running);
  }

  /** The background scripts the session has run, once those started so far have finished (lab:test). */
  backgroundRuns(sessionId: string): Promise<BackgroundRun[]> {
    return this.scripts.settled(sessionId);
  }

  /** The owner's running session, with its nodes sorted by name; 404 otherwise. */
  async runningSession(ownerId: string, sessionId: string) {
    return this.requireRunning(ownerId, sessionId);
  }

  private machinesOf(row: { id: string; nodes: Array<{ name: string; sandboxId: string }> }, lab: LabSpec): SessionMachines {
    return {
      sessionId: row.id,
      sandboxes: new Map(row.nodes.map((node) => [node.name, node.sandboxId])),
      firstNode: lab.nodes[0] ?? 'node1',
    };
  }

  /** A check that hangs is a failed attempt with an explanation, not an error. */
  private async runCheck(sandboxId: string, script: string): Promise<ExecResult> {
    try {
      return await this.deps.driver.exec(sandboxId, LAB_SCRIPT_COMMAND, {
        stdin: script,
        timeoutMs: this.deps.checkTimeoutMs ?? 30_000,
      });
    } catch (error) {
      if (!(error instanceof RuntimeTimeoutError)) throw error;
      return { exitCode: -1, output: `${error.partialOutput}\n${error.message}`.trimStart() };
    }
  }

  /** Marks activity, which keeps the reaper away. */
  async touch(sessionId: string): Promise<void> {
    await this.prisma.labSession.updateMany({
      where: { id: sessionId, state: 'running' },
      data: { lastActiveAt: this.now() },
    });
  }

  /**
   * Ends a session for any reason (also used by the reaper) and destroys its sandboxes.
   * Ending twice (the reaper and a click at the same moment) keeps the first reason.
   */
  async endSession(sessionId: string, reason: string): Promise<SessionView> {
    return (await this.finish(sessionId, reason)).view;
  }

  private async finish(sessionId: string, reason: string): Promise<{ view: SessionView; endedNow: boolean }> {
    const { count } = await this.prisma.labSession.updateMany({
      where: { id: sessionId, state: { in: ['running', 'paused'] } },
      data: { state: 'ended', endReason: reason, endedAt: this.now() },
    });
    const row = await this.prisma.labSession.findUniqueOrThrow({ where: { id: sessionId }, include: { nodes: true } });
    if (count > 0) {
      this.scripts.forget(sessionId);
      this.deps.onEnded?.(sessionId, reason);
      this.deps.onGradeChanged?.(sessionId);
      await Promise.all(row.nodes.map((n) => this.deps.driver.destroy(n.sandboxId)));
    }
    return { view: await this.toView(row), endedNow: count > 0 };
  }

  private async create(ownerId: string, lab: LabSpec, userId: string | null): Promise<SessionView> {
    const timeLimitMinutes = lab.timeLimitMinutes ?? null;
    const session = await this.reserve(ownerId, (tx, now) =>
      tx.labSession.create({
        data: {
          id: randomUUID(),
          ownerId,
          userId,
          lab: lab.slug,
          contentVersion: lab.version ?? null,
          createdAt: now,
          runningSince: now,
          lastActiveAt: now,
          timeLimitMinutes,
          expiresAt: initialExpiry(now, this.lifetimeOf({ timeLimitMinutes })),
        },
      }),
    );
    try {
      // Each node is recorded as soon as it exists, so a crash mid-way leaves nothing unknown.
      const aliases = killercodaAliases(lab.nodes);
      const sessionNames = [...lab.nodes, ...aliases.flat()];
      await Promise.all(
        lab.nodes.map(async (node, position) => {
          const ref = await this.deps.driver.create({
            sessionId: session.id,
            lab: lab.slug,
            image: lab.image,
            node,
            aliases: aliases[position],
            sessionNames,
            limits: this.deps.limits,
          });
          await this.prisma.sandboxNode.create({ data: { sessionId: session.id, name: node, sandboxId: ref.id } });
        }),
      );
      const nodes = await this.prisma.sandboxNode.findMany({ where: { sessionId: session.id } });
      const machines = this.machinesOf({ id: session.id, nodes }, lab);
      await this.scripts.copyAssets(machines, lab.assets ?? []);
      this.scripts.startPage(machines, 'introduction', lab.intro ?? {});
    } catch (error) {
      await this.endSession(session.id, 'failed');
      // Sandboxes created before the failure but not yet recorded are left to the reaper.
      throw error;
    }
    const row = await this.prisma.labSession.findUniqueOrThrow({ where: { id: session.id }, include: { nodes: true } });
    return this.toView(row);
  }

  /**
   * A start (`kind`) timed from its request (`since`, performance.now()) to its machines ready,
   * counted with its outcome; a refusal for lack of room counted as such.
   */
  private async measured(lab: LabSpec, kind: LabStartKind, since: number, start: () => Promise<SessionView>): Promise<SessionView> {
    const ended = this.deps.metrics?.labStart(lab.slug, kind);
    const seconds = () => (performance.now() - since) / 1000;
    try {
      const view = await start();
      ended?.('ready', seconds());
      return view;
    } catch (error) {
      const refused = error instanceof CapacityError;
      if (refused) this.deps.metrics?.capacityRefused(error.scope);
      ended?.(refused ? 'refused' : 'failed', seconds());
      throw error;
    }
  }

  /**
   * Marks a session running (`take`: a new one, or a paused one resumed) if there is room for
   * it, else refuses with the wait until the soonest expiry. Sessions past their expiry hold no
   * room: the reaper is about to end them. The row is running before its sandboxes, so starts
   * in progress count against the limits.
   */
  private reserve<T>(ownerId: string, take: (tx: Transaction, now: Date) => Promise<T>): Promise<T> {
    return this.capacityLock.run('capacity', async () => {
      const { perMachine } = this.deps.capacity ?? DEFAULT_CAPACITY;
      const room = sessionPlaces(perMachine, await this.deps.driver.machines());
      return this.prisma.$transaction((tx) => this.reserveIn(tx, ownerId, room, take), CAPACITY_TRANSACTION);
    });
  }

  private async reserveIn<T>(prisma: Transaction, ownerId: string, room: { places: number; machines: number }, take: (tx: Transaction, now: Date) => Promise<T>) {
    // Held until the transaction ends: another server's count waits for this insert.
    const capacity = lockKeys('capacity');
    await prisma.$queryRawUnsafe(`SELECT 1 AS held FROM (SELECT pg_advisory_xact_lock(${capacity.sql})) AS locked`, ...capacity.params);
    const now = this.now();
    const { perOwner } = this.deps.capacity ?? DEFAULT_CAPACITY;
    const live = { state: 'running', expiresAt: { gt: now } };
    const holding = await prisma.labSession.findMany({
      where: { ...live, ownerId },
      select: { expiresAt: true },
      orderBy: { expiresAt: 'asc' },
    });
    if (holding.length >= perOwner && holding[0]) {
      throw new CapacityError('owner', minutesUntil(holding[0].expiresAt, now), perOwner);
    }
    const running = await prisma.labSession.count({ where: live });
    if (running >= room.places) {
      const soonest = await prisma.labSession.findFirst({
        where: live,
        select: { expiresAt: true },
        orderBy: { expiresAt: 'asc' },
      });
      throw new CapacityError('machine', minutesUntil(soonest?.expiresAt ?? now, now), room.places, room.machines);
    }
    return take(prisma, now);
  }

  private isExpired(row: { expiresAt: Date }): boolean {
    return row.expiresAt.getTime() <= this.now().getTime();
  }

  private async requireRunning(ownerId: string, sessionId: string) {
    // Nodes by name, so that the first one (checks, default terminal) is always the same.
    const row = await this.prisma.labSession.findUnique({
      where: { id: sessionId },
      include: { nodes: { orderBy: { name: 'asc' } } },
    });
    if (!row || row.ownerId !== ownerId || row.state !== 'running') throw new NotFoundError(SESSION_NOT_FOUND);
    if (this.isExpired(row)) {
      const outcome = await this.timeUp(row.id, 'lifetime');
      throw new NotFoundError(outcome === 'paused' ? SESSION_PAUSED_AT_EXPIRY : SESSION_EXPIRED);
    }
    return row;
  }

  private async requireLab(slug: string, version?: string | null): Promise<LabSpec> {
    const lab = await this.deps.findLab(slug, version);
    if (!lab) throw new NotFoundError(`Le lab « ${slug} » n'existe pas.`);
    return lab;
  }

  private async toView(row: SessionRow | (Omit<SessionRow, 'state'> & { state: string })): Promise<SessionView> {
    const state = row.state === 'running' || row.state === 'paused' ? row.state : 'ended';
    return {
      id: row.id,
      lab: row.lab,
      state,
      nodes: [...row.nodes].sort((a, b) => a.name.localeCompare(b.name)).map((n) => n.name),
      startedAt: row.createdAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
      maxExpiresAt: maxExpiry(row.runningSince ?? row.createdAt, this.lifetimeOf(row)).toISOString(),
      pausedAt: state === 'paused' ? (row.pausedAt?.toISOString() ?? null) : null,
      keepUntil: state === 'paused' ? (row.keepUntil?.toISOString() ?? null) : null,
      keepReason: state === 'paused' ? (row.keepReason === 'quota' ? 'quota' : 'retention') : null,
      restorableSteps: state === 'ended' ? [] : await this.pauses.restorableSteps(row.id),
    };
  }
}
