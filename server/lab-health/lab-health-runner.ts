/**
 * One pass of « santé des labs »: lab:test on every lab of every pack, one lab at a time,
 * through the server's own session service and driver, so that each test holds a place of
 * DOCKYARD_MAX_SESSIONS like a student's lab. It yields to students: before each lab it waits
 * until a place is free (and, when a student takes it first, waits again); a lab it could not
 * start before the run's window ends is recorded as postponed (« reporté »). Its sessions
 * belong to `lab-health-…` owners, with no account: no class, dashboard or grade sees them.
 */
import { randomUUID } from 'node:crypto';
import type { SandboxDriver } from '../../runtime/driver';
import { locateContent } from '../content/content-paths';
import { splitContentId } from '../content/packs/pack-registry';
import type { LabTestDeps } from '../lab-test/run-lab-test';
import type { LabTestReport } from '../lab-test/lab-test-report';
import { CapacityError } from '../sessions/capacity-error';
import type { SessionService } from '../sessions/session-service';
import { findingOf, type HealthFinding } from './lab-health-finding';
import type { HealthResult, HealthRun, LabHealthStore } from './lab-health-store';

/** Owners of the nightly run's sessions start so: recognisable in the database and the logs. */
export const LAB_HEALTH_OWNER_PREFIX = 'lab-health-';

export interface LabHealthRunnerDeps {
  store: LabHealthStore;
  sessions: SessionService;
  driver: SandboxDriver;
  /** Every lab id to test (server/content/packs/catalog.ts's listAllLabs). */
  listLabs: () => Promise<string[]>;
  /** lab:test (server/lab-test/run-lab-test.ts). */
  testLab: (id: string, deps: LabTestDeps) => Promise<LabTestReport>;
  /** A lab that passed (or was never tested) fails now: tell its instructors. */
  onStartsFailing: (result: HealthResult, title: string) => Promise<void>;
  /** How often a run waiting for a free place looks again. */
  pollMs: number;
  now?: () => Date;
  log: (message: string) => void;
}

export class LabHealthRunner {
  constructor(private readonly deps: LabHealthRunnerDeps) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** Tests every lab (of `pack` only, when given) within the run's window, then closes the run. */
  async execute(run: HealthRun, options: { pack?: string; signal?: AbortSignal } = {}): Promise<HealthRun> {
    const labs = (await this.deps.listLabs()).filter((lab) => !options.pack || splitContentId(lab).pack === options.pack);
    this.deps.log(`santé des labs : ${labs.length} lab(s) à tester (passage ${run.trigger}, fenêtre jusqu'à ${run.windowEndsAt.toISOString()})`);
    try {
      for (const lab of labs) await this.testOne(run, lab, options.signal);
    } finally {
      run = await this.deps.store.finish(run.id);
    }
    this.deps.log(`santé des labs : ${run.passed} réussi(s), ${run.failed} en échec, ${run.postponed} reporté(s)`);
    return run;
  }

  private async testOne(run: HealthRun, lab: string, signal: AbortSignal | undefined): Promise<void> {
    const tested = await this.testWhenRoom(run, lab, signal);
    if (!tested) {
      await this.deps.store.record(run.id, { lab, ...whereIs(lab), ...POSTPONED });
      return;
    }
    const { finding, title, durationMs, at } = tested;
    const before = finding.outcome === 'failed' ? await this.deps.store.lastTestedOutcome(lab) : null;
    const result = await this.deps.store.record(run.id, { lab, ...at, ...finding, durationMs });
    if (finding.outcome === 'failed' && before !== 'failed') {
      this.deps.log(`santé des labs : « ${lab} » échoue désormais (${finding.problem ?? 'échec'})`);
      await this.deps.onStartsFailing(result, title).catch((error: Error) => this.deps.log(`santé des labs : signalement de « ${lab} » : ${error.message}`));
    }
  }

  /** The lab's finding, once a place was free; null if none was before the window's end. */
  private async testWhenRoom(run: HealthRun, lab: string, signal: AbortSignal | undefined): Promise<Tested | null> {
    for (;;) {
      const left = run.windowEndsAt.getTime() - this.now().getTime();
      if (left <= 0 || signal?.aborted) return null;
      if ((await this.deps.sessions.freePlaces()) > 0) {
        // The pack's version the session is about to start on (a git pack may switch meanwhile).
        const at = whereIs(lab);
        const started = performance.now();
        try {
          const report = await this.deps.testLab(lab, {
            sessions: this.deps.sessions,
            driver: this.deps.driver,
            owner: `${LAB_HEALTH_OWNER_PREFIX}${randomUUID()}`,
            throwWhenFull: true,
          });
          return { finding: findingOf(report), title: report.title, durationMs: Math.round(performance.now() - started), at };
        } catch (error) {
          // A student took the place between the look and the start: they come first.
          if (!(error instanceof CapacityError)) return { finding: unexpected(error), title: lab, durationMs: Math.round(performance.now() - started), at };
        }
      }
      await pause(Math.min(this.deps.pollMs, left), signal);
    }
  }
}

interface Tested {
  finding: HealthFinding;
  title: string;
  durationMs: number;
  at: { pack: string; packVersion: string | null };
}

/** The runtime failed under the test (not a step of the lab): the lab could not be tested, which fails it too. */
function unexpected(error: unknown): HealthFinding {
  const message = error instanceof Error ? error.message : String(error);
  return { outcome: 'failed', stepIndex: null, stepTitle: null, problem: `Le test s'est interrompu : ${message}`, output: null };
}

const POSTPONED = { outcome: 'postponed', stepIndex: null, stepTitle: null, problem: null, output: null, durationMs: null } as const;

/** The lab's pack and the version a test started now reads (null: a folder, or a pack gone). */
function whereIs(lab: string): { pack: string; packVersion: string | null } {
  try {
    const { pack, version } = locateContent(lab);
    return { pack, packVersion: version };
  } catch {
    return { pack: splitContentId(lab).pack, packVersion: null };
  }
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
