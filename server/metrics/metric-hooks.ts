/**
 * What the session service and the route wrapper tell the metrics (dockyard-metrics.ts
 * implements it). Hooks rather than prom-client in the services: a service made without them
 * (tests, lab:test) measures nothing. Other parts take a plain callback (the reaper's
 * `onPass`, the LTI outbox's `onPosted`, the warm pool's `onTake`, the shell hub's traffic).
 */
import type { CapacityScope } from '../sessions/capacity-error';

/** A new session, or a paused one started again. */
export type LabStartKind = 'new' | 'resumed';
/** ready: its machines answer; refused: no room (429/503); failed: anything else. */
export type LabStartOutcome = 'ready' | 'failed' | 'refused';

export interface SessionMetrics {
  /** A start of `lab` begins; the returned function is called once it has ended, with its time since the request. */
  labStart(lab: string, kind: LabStartKind): (outcome: LabStartOutcome, seconds: number) => void;
  checkRan(lab: string, passed: boolean, seconds: number): void;
  capacityRefused(scope: CapacityScope): void;
}

export interface HttpMetrics {
  /** `route`: the route's pattern (`/api/sessions/[id]/check`), never a path with its ids. */
  httpRequest(route: string, method: string, status: number, seconds: number): void;
}
