/**
 * Reconciles the database with what the driver reports. A sandbox is legitimate only if a
 * running or paused session records it; everything else carrying our labels is an orphan (left
 * by a crash, a killed server, a failed start) and is removed — once its machine answers.
 * Sessions past their expiry or idle for too long are paused (ended when pausing is off);
 * those whose sandbox vanished, or whose machine is down or in maintenance (a cluster member),
 * are ended; paused labs past their keeping date (retention, quota) are deleted. One listing
 * per pass, whatever the number of sessions.
 */
import type { PrismaClient } from '../../generated/prisma/client';
import type { SandboxDriver, SandboxStatus } from '../../runtime/driver';
import { endReasonOfNodes, type EndReason as SessionEndReason } from './end-reasons';
import type { SessionService } from './session-service';
import { isWaking } from './session-pauses';

export interface ReaperDeps {
  prisma: PrismaClient;
  driver: SandboxDriver;
  sessions: SessionService;
  idleTimeoutMs: number;
  /** Sessions with a terminal open right now (on this server) are not idle, whatever lastActiveAt says. */
  isAttached: (sessionId: string) => boolean;
  /**
   * Nor are those another server (web replica) reported a terminal open for within this long
   * (LabSession.terminalSeenAt, written every minute by terminal/terminal-presence.ts).
   */
  presenceWindowMs?: number;
  /** Deletes terminal recordings kept long enough (server/recordings/recording-setup.ts). */
  expireRecordings?: (now: Date) => Promise<number>;
  /** Told what each pass did (server/metrics counts it). */
  onPass?: (report: ReapReport) => void;
  now?: () => Date;
  log?: (message: string) => void;
}

type EndReason = Extract<SessionEndReason, 'lost' | 'machine-down' | 'maintenance' | 'expired' | 'idle' | 'retention' | 'quota'>;

/** Three reports missed: the server that wrote them is gone (its students reattach elsewhere in seconds). */
const PRESENCE_WINDOW_MS = 3 * 60_000;

export interface ReapReport {
  orphansRemoved: string[];
  sessionsEnded: Array<{ id: string; reason: EndReason }>;
  sessionsPaused: Array<{ id: string; reason: 'lifetime' | 'idle' }>;
}

export class Reaper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<ReapReport> | undefined;

  constructor(private readonly deps: ReaperDeps) {}

  /** One pass. Concurrent calls share the pass in progress. */
  reconcile(): Promise<ReapReport> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  start(intervalMs: number): void {
    this.stop();
    this.timer = setInterval(() => {
      this.reconcile().catch((error: Error & { detail?: string }) =>
        this.deps.log?.(`reaper : ${error.message}${error.detail ? ` (${error.detail})` : ''}`),
      );
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async pass(): Promise<ReapReport> {
    const { prisma, driver, sessions } = this.deps;
    const report: ReapReport = { orphansRemoved: [], sessionsEnded: [], sessionsPaused: [] };
    const [sandboxes, running, paused] = await Promise.all([
      driver.list(),
      prisma.labSession.findMany({ where: { state: 'running' }, include: { nodes: true } }),
      prisma.sandboxNode.findMany({ where: { session: { state: 'paused' } }, select: { sandboxId: true } }),
    ]);

    const known = new Set([...running.flatMap((s) => s.nodes.map((n) => n.sandboxId)), ...paused.map((n) => n.sandboxId)]);
    for (const sandbox of sandboxes) {
      if (known.has(sandbox.id) || this.isBeingCreated(sandbox.sessionId, running)) continue;
      // On a machine that does not answer: removed on a later pass, once it does.
      if (sandbox.status === 'machine-down' || sandbox.status === 'unreachable') continue;
      await driver.destroy(sandbox.id);
      report.orphansRemoved.push(sandbox.id);
    }

    const statuses = new Map(sandboxes.map((s) => [s.id, s.status]));
    const now = (this.deps.now?.() ?? new Date()).getTime();
    for (const session of running) {
      const reason = this.endReason(session, statuses, now);
      if (!reason) continue;
      if (reason === 'expired' || reason === 'idle') {
        const pauseReason = reason === 'expired' ? 'lifetime' : 'idle';
        // One lab whose machines do not stop must not keep the others from their turn.
        const outcome = await sessions.timeUp(session.id, pauseReason).catch((error: Error) => {
          this.deps.log?.(`reaper : pause de la session ${session.id} : ${error.message}`);
          return 'failed' as const;
        });
        if (outcome === 'paused') report.sessionsPaused.push({ id: session.id, reason: pauseReason });
        if (outcome === 'ended') report.sessionsEnded.push({ id: session.id, reason });
        continue;
      }
      await sessions.endSession(session.id, reason);
      report.sessionsEnded.push({ id: session.id, reason });
    }
    for (const due of await sessions.pauses.due()) {
      await sessions.endSession(due.id, due.reason);
      report.sessionsEnded.push(due);
    }
    const recordingPieces = await this.deps.expireRecordings?.(new Date(now));
    if (recordingPieces) this.deps.log?.(`reaper : ${recordingPieces} morceau(x) d'enregistrement de terminal supprimé(s) (durée de conservation dépassée)`);

    if (report.orphansRemoved.length || report.sessionsEnded.length || report.sessionsPaused.length) {
      this.deps.log?.(
        `reaper : ${report.orphansRemoved.length} bac(s) à sable orphelin(s) supprimé(s), ` +
          `${report.sessionsEnded.length} session(s) terminée(s), ${report.sessionsPaused.length} mise(s) en pause`,
      );
    }
    this.deps.onPass?.(report);
    return report;
  }

  /** Why a running session must end now, if it must. An open terminal does not stop expiry. */
  private endReason(
    session: { id: string; nodes: Array<{ sandboxId: string }>; lastActiveAt: Date; expiresAt: Date; terminalSeenAt: Date | null; pausedAt: Date | null },
    statuses: Map<string, SandboxStatus>,
    now: number,
  ): EndReason | null {
    const nodesSay = session.nodes.length > 0 ? endReasonOfNodes(session.nodes.map((n) => statuses.get(n.sandboxId))) : null;
    // Machines starting again (or moving off a member in maintenance): stopped for a while.
    if (nodesSay && !isWaking(session, now)) return nodesSay;
    if (session.expiresAt.getTime() <= now) return 'expired';
    const seenElsewhere = (session.terminalSeenAt?.getTime() ?? 0) > now - (this.deps.presenceWindowMs ?? PRESENCE_WINDOW_MS);
    if (session.lastActiveAt.getTime() < now - this.deps.idleTimeoutMs && !this.deps.isAttached(session.id) && !seenElsewhere) return 'idle';
    return null;
  }

  /**
   * A session still starting has sandboxes not yet recorded: leave them alone for a while.
   * A running session with no node rows at all is one whose start is in progress.
   */
  private isBeingCreated(sessionId: string, running: Array<{ id: string; nodes: unknown[]; createdAt: Date }>) {
    const session = running.find((s) => s.id === sessionId);
    if (!session) return false;
    const startGraceMs = 5 * 60_000;
    return (this.deps.now?.() ?? new Date()).getTime() - session.createdAt.getTime() < startGraceMs;
  }
}
