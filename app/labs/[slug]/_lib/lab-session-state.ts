/**
 * What the lab page knows of the student's session, one state at a time. A paused session is
 * shown (« Reprendre »), not hidden: its machines and everything on them are kept.
 */
import type { SessionView } from '@/server/sessions/session-view';

/**
 * loading: asking the server for a session; signed-out: labs need an account here (401);
 * starting, ending, pausing, resuming, restoring: a request is in flight.
 */
export type LabPhase = LabSessionState['phase'];

/** Why the lab is paused, when the student did not just press « Mettre en pause » in this tab. */
export type PausedNotice = { kind: 'server'; message: string } | { kind: 'time-up' };

export type LabSessionState =
  | { phase: 'loading' | 'idle' | 'signed-out' | 'starting'; session: null }
  | { phase: 'running' | 'ending' | 'pausing' | 'resuming'; session: SessionView }
  | { phase: 'paused'; session: SessionView; notice: PausedNotice | null }
  /** Going back to `step` (0-based): the terminal waits for the machines to come back. */
  | { phase: 'restoring'; session: SessionView; step: number };

export const IDLE: LabSessionState = { phase: 'idle', session: null };
export const SIGNED_OUT: LabSessionState = { phase: 'signed-out', session: null };

/** The page at rest for the session the server returned: its terminal, its paused panel, or « Démarrer ». */
export function restingState(session: SessionView | null, notice: PausedNotice | null = null): LabSessionState {
  if (session?.state === 'running') return { phase: 'running', session };
  if (session?.state === 'paused') return { phase: 'paused', session, notice };
  return IDLE;
}

/**
 * What the steps can do with the machines now: checks and help need them ready; the page says
 * how to get them there when the student can (start, resume), nothing while a request runs.
 */
export type MachinesState = 'ready' | 'busy' | 'paused' | 'absent';

export function machinesOf({ phase, session }: LabSessionState): MachinesState {
  if (phase === 'running') return 'ready';
  if (phase === 'paused') return 'paused';
  return session || phase === 'loading' || phase === 'starting' ? 'busy' : 'absent';
}

/** The step was just passed: its snapshot is being taken (the server waits for it before a restore). */
export function withRestorableStep(session: SessionView, step: number): SessionView {
  if (session.restorableSteps.includes(step)) return session;
  return { ...session, restorableSteps: [...session.restorableSteps, step].sort((a, b) => a - b) };
}
