/**
 * What the « Santé des labs » page, its API and the notices on /admin and /classes show:
 * plain data (dates as ISO strings), made from the store's rows.
 */
import type { HealthOutcome } from './lab-health-finding';
import type { HealthResult, HealthRun } from './lab-health-store';

export interface HealthResultView {
  outcome: HealthOutcome;
  at: string;
  runId: string;
  packVersion: string | null;
  durationMs: number | null;
  /** 1-based, as the lab page numbers steps; null for a pass, a postponement, or a whole lab that failed. */
  step: { number: number; title: string } | null;
  problem: string | null;
  output: string | null;
}

export interface LabHealthLabView {
  lab: string;
  title: string;
  /** Its latest result, postponed or not. */
  latest: HealthResultView | null;
  /** Its latest result that tested it. */
  lastTested: HealthResultView | null;
  failingSince: string | null;
  /** Its last results, newest first. */
  history: HealthResultView[];
}

export interface LabHealthPackView {
  id: string;
  title: string;
  labs: LabHealthLabView[];
  failing: number;
}

export type RunState = 'running' | 'finished' | 'interrupted';

export interface HealthRunView {
  id: string;
  trigger: string;
  state: RunState;
  startedAt: string;
  finishedAt: string | null;
  windowEndsAt: string;
  passed: number;
  failed: number;
  postponed: number;
}

export interface LabHealthView {
  packs: LabHealthPackView[];
  /** The last runs, newest first. */
  runs: HealthRunView[];
  /** DOCKYARD_LAB_HEALTH_AT: `HH:MM`, or `off`. */
  schedule: string;
  /** Admins only: « Lancer maintenant ». */
  canRun: boolean;
  failing: number;
  /** The earliest « failing since » of the labs shown. */
  failingSince: string | null;
}

/** The banner of /admin and /classes: labs the reader maintains that fail. */
export interface LabHealthNotice {
  failing: number;
  since: string | null;
}

export function resultView(result: HealthResult): HealthResultView {
  return {
    outcome: result.outcome,
    at: result.testedAt.toISOString(),
    runId: result.runId,
    packVersion: result.packVersion,
    durationMs: result.durationMs,
    step: result.stepIndex === null ? null : { number: result.stepIndex + 1, title: result.stepTitle ?? '' },
    problem: result.problem,
    output: result.output,
  };
}

export function runView(run: HealthRun, now: Date): HealthRunView {
  const state: RunState = run.finishedAt ? 'finished' : run.windowEndsAt.getTime() > now.getTime() ? 'running' : 'interrupted';
  return {
    id: run.id,
    trigger: run.trigger,
    state,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    windowEndsAt: run.windowEndsAt.toISOString(),
    passed: run.passed,
    failed: run.failed,
    postponed: run.postponed,
  };
}

/** The earliest of these dates, or null. */
export function earliest(dates: Iterable<Date>): Date | null {
  let first: Date | null = null;
  for (const date of dates) if (!first || date < first) first = date;
  return first;
}

/** The id of a lab's row on the page (`lab-reseaux-premier-lab`), which the webhook links to. */
export function labAnchor(lab: string): string {
  return `lab-${lab.replace(/[^a-z0-9-]/g, '-')}`;
}
