/**
 * Which students of a class look stuck right now, from what their lab sessions recorded.
 * Pure: stuck-student-finder.ts loads the rows, this decides what they mean, so the rules
 * are tested without a database. The class dashboard shows each flag with a link to the
 * student's terminal (live) and to the recording of the session.
 *
 * Only sessions worth an instructor's attention now are read (`isWatched`): running ones, and
 * those paused less than the idle delay ago (the student paused after three failures: still
 * worth a look for a while). An ended session — finished, left, expired — flags nothing.
 *
 * The rules, each per session and per step (0-based here, numbered from 1 on screen):
 * - failures: the step's check failed FAILURES_IN_A_ROW times or more since it last passed in
 *   this session (checks of other steps in between do not break the run). Passing the step
 *   clears it.
 * - solution: the student revealed the step's solution and has not passed the step in this
 *   session. Passing the step clears it.
 * - idle: a running session whose last recorded activity is older than the idle delay.
 *   « Activity » is what moves LabSession.lastActiveAt: typing in a terminal (written at most
 *   every 30 s), opening a terminal, a check, opening a step, a hint or a solution, a restore,
 *   « Prolonger », and requests to a port preview. A terminal merely left open is not activity
 *   (terminalSeenAt only says it is open). The step is the furthest page the student opened in
 *   the session (pages open in order: page-starts.ts); a student on the conclusion is done,
 *   not stuck. Any activity clears it.
 */

/** DOCKYARD_STUCK_IDLE_MINUTES unless set (server/env.ts). */
export const DEFAULT_STUCK_IDLE_MINUTES = 10;

/** « failed the same check three times » (issue 15). */
export const FAILURES_IN_A_ROW = 3;

export interface StuckAttempt {
  step: number;
  passed: boolean;
  createdAt: Date;
}

export interface StuckStepEvent {
  step: number;
  /** started | hint | solution */
  kind: string;
  createdAt: Date;
}

export interface StuckSessionRecords {
  id: string;
  userId: string;
  lab: string;
  /** running | paused | ended */
  state: string;
  lastActiveAt: Date;
  pausedAt: Date | null;
  /** The lab's number of steps (its conclusion's page number); null when it left the course. */
  stepCount: number | null;
  attempts: StuckAttempt[];
  events: StuckStepEvent[];
}

export type StuckReason = 'failures' | 'idle' | 'solution';

export interface StuckFlag {
  /** Stable while the condition lasts: the dashboard announces a key it had not seen. */
  key: string;
  sessionId: string;
  userId: string;
  lab: string;
  /** 0-based. */
  step: number;
  reason: StuckReason;
  /** Failures in a row (failures), whole minutes without activity (idle); 0 for a solution. */
  count: number;
  /** When the condition began: the third failure, the reveal, the last activity. */
  since: Date;
  /** Only a running session has a terminal to watch live. */
  running: boolean;
}

export interface StuckRules {
  now: Date;
  idleMs: number;
}

/** Running, or paused less than the idle delay ago. */
export function isWatched(session: Pick<StuckSessionRecords, 'state' | 'pausedAt'>, { now, idleMs }: StuckRules): boolean {
  if (session.state === 'running') return true;
  return session.state === 'paused' && session.pausedAt !== null && now.getTime() - session.pausedAt.getTime() < idleMs;
}

/** Every flag of these sessions, the longest-standing first. */
export function stuckFlags(sessions: StuckSessionRecords[], rules: StuckRules): StuckFlag[] {
  return sessions
    .filter((session) => isWatched(session, rules))
    .flatMap((session) => [...failureFlags(session), ...solutionFlags(session), ...idleFlags(session, rules)])
    .sort((a, b) => a.since.getTime() - b.since.getTime() || a.key.localeCompare(b.key));
}

function flag(session: StuckSessionRecords, reason: StuckReason, step: number, count: number, since: Date): StuckFlag {
  return {
    key: `${session.id}/${reason}/${step}`,
    sessionId: session.id,
    userId: session.userId,
    lab: session.lab,
    step,
    reason,
    count,
    since,
    running: session.state === 'running',
  };
}

function failureFlags(session: StuckSessionRecords): StuckFlag[] {
  const runs = new Map<number, StuckAttempt[]>();
  for (const attempt of [...session.attempts].sort(byTime)) {
    // A pass ends the step's run of failures.
    runs.set(attempt.step, attempt.passed ? [] : [...(runs.get(attempt.step) ?? []), attempt]);
  }
  return [...runs].flatMap(([step, failures]) => {
    const third = failures[FAILURES_IN_A_ROW - 1];
    return third ? [flag(session, 'failures', step, failures.length, third.createdAt)] : [];
  });
}

function solutionFlags(session: StuckSessionRecords): StuckFlag[] {
  const passed = new Set(session.attempts.filter((attempt) => attempt.passed).map((attempt) => attempt.step));
  return session.events
    .filter((event) => event.kind === 'solution' && !passed.has(event.step))
    .map((event) => flag(session, 'solution', event.step, 0, event.createdAt));
}

function idleFlags(session: StuckSessionRecords, { now, idleMs }: StuckRules): StuckFlag[] {
  const idleFor = now.getTime() - session.lastActiveAt.getTime();
  if (session.state !== 'running' || idleFor < idleMs) return [];
  const opened = session.events.filter((event) => event.kind === 'started').map((event) => event.step);
  // The introduction starts with the session: no page opened yet reads as the first step.
  const step = Math.max(0, ...opened);
  if (session.stepCount !== null && step >= session.stepCount) return [];
  return [flag(session, 'idle', step, Math.floor(idleFor / 60_000), session.lastActiveAt)];
}

const byTime = (a: { createdAt: Date }, b: { createdAt: Date }) => a.createdAt.getTime() - b.createdAt.getTime();
