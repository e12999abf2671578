/**
 * `npm run lab:test` for one lab: a fresh session (all its machines, real driver, real
 * engine), then every step in order, as a student would meet it: the step starts (its
 * background script runs), its check must FAIL (otherwise it checks nothing the step asks
 * for), its solution runs on its machines, and its check must then PASS. The session is
 * always ended, which destroys its machines. Foreground scripts are not run: they are typed
 * into a terminal, and lab:test has none.
 */
import { randomUUID } from 'node:crypto';
import type { SandboxDriver } from '../../runtime/driver';
import { ContentError } from '../content/content-errors';
import type { ContentOptions } from '../content/content-paths';
import { loadLab, type Lab, type LabStep } from '../content/lab';
import { CapacityError } from '../sessions/capacity-error';
import type { SessionService } from '../sessions/session-service';
import { isMissingCommand, LAB_SCRIPT_COMMAND } from '../sessions/lab-scripts';
import type { LabTestReport, ScriptStderr, StepReport } from './lab-test-report';

export interface LabTestDeps {
  sessions: SessionService;
  driver: SandboxDriver;
  /** How long one part of a solution may run on one machine. */
  solutionTimeoutMs?: number;
  /** Where the labs are (content/ by default); the session service must read the same. */
  content?: ContentOptions;
  /** Once every step is solved, before the session ends: its machines as a student leaves them (bench/). */
  afterSolved?: (owner: string, sessionId: string) => Promise<void>;
  /** Who owns the session: `lab-test-…` by default; the nightly run's are `lab-health-…` (server/lab-health). */
  owner?: string;
  /**
   * A start refused for lack of room is thrown rather than reported as the lab's problem: the
   * nightly run then waits for a place and tries again.
   */
  throwWhenFull?: boolean;
}

const DEFAULT_SOLUTION_TIMEOUT_MS = 5 * 60_000;

/** Steps lab:test cannot solve: they have a check, and no solution to make it pass. */
export function stepsWithoutSolution(lab: Lab): LabStep[] {
  return lab.steps.filter((step) => step.verifyScript !== null && step.solution === null);
}

/**
 * A step whose background script met `command not found` fails even though its check and
 * solution passed: the student would start it on a machine that was not prepared.
 */
function withMissingCommands(report: StepReport): StepReport {
  const missing = report.stderr?.lines.filter(isMissingCommand) ?? [];
  if (missing.length === 0) return report;
  const problem = `Le script d'arrière-plan (${report.stderr?.page}) appelle une commande que les machines de lab n'ont pas : il a continué sans elle, code 0.`;
  return { ...report, outcome: 'failed', problem };
}

class StepFailure extends Error {
  constructor(
    message: string,
    readonly output = '',
  ) {
    super(message);
  }
}

export async function runLabTest(slug: string, deps: LabTestDeps): Promise<LabTestReport> {
  let lab: Lab;
  try {
    lab = await loadLab(slug, deps.content);
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    return { slug, title: '?', nodes: [], problem: `${error.message} (npm run content:check en dit plus)`, steps: [] };
  }
  const report: LabTestReport = { slug, title: lab.title, nodes: lab.nodes, steps: [], stderr: [] };
  const unsolvable = stepsWithoutSolution(lab);
  if (unsolvable.length > 0) {
    const list = unsolvable.map((step) => `étape ${step.index + 1} (dockyard.steps[${step.index}].solution)`).join(', ');
    report.problem = `Pas de solution pour ${list} : écrivez le script qui résout l'étape, lab:test le lance entre les deux vérifications.`;
    return report;
  }

  const owner = deps.owner ?? `lab-test-${randomUUID()}`;
  const started = performance.now();
  let sessionId: string;
  try {
    sessionId = (await deps.sessions.start(owner, slug)).id;
  } catch (error) {
    if (deps.throwWhenFull && error instanceof CapacityError) throw error;
    // The runtime's detail (engine logs) is what an author needs to see here.
    const detail = error instanceof Error && 'detail' in error && typeof error.detail === 'string' ? `\n${error.detail}` : '';
    report.problem = `La session n'a pas démarré : ${(error as Error).message}${detail}`;
    return report;
  }
  report.startMs = performance.now() - started;

  const tester = new StepTester(deps, owner, sessionId);
  try {
    const notRun = (step: LabStep): StepReport => ({ index: step.index, title: step.title, outcome: 'not-run', timing: {} });
    const intro = await tester.newBackgroundRuns();
    report.stderr = intro.stderr;
    if (intro.failure) {
      report.problem = `${intro.failure.message}\n${intro.failure.output.trim()}`.trim();
      report.steps = lab.steps.map(notRun);
      return report;
    }
    // Once a step is not solved, later steps would start from the wrong state: they are not run.
    let solved = true;
    for (const step of lab.steps) {
      if (!solved) {
        report.steps.push(notRun(step));
        continue;
      }
      const tested = await tester.test(step);
      report.steps.push(tested.report);
      solved = tested.solved;
    }
    // The conclusion's background script runs for students too, once they reach it.
    if (solved) {
      await deps.sessions.visit(owner, sessionId, 'finish');
      const finish = await tester.newBackgroundRuns();
      report.stderr = [...(report.stderr ?? []), ...finish.stderr];
      if (finish.failure) report.problem = `${finish.failure.message}\n${finish.failure.output.trim()}`.trim();
      await deps.afterSolved?.(owner, sessionId);
    }
  } finally {
    await deps.sessions.end(owner, sessionId).catch(() => undefined);
  }
  return report;
}

/** One lab session under test: runs each step and says what happened. */
class StepTester {
  private backgroundsSeen = 0;

  constructor(
    private readonly deps: LabTestDeps,
    private readonly owner: string,
    private readonly sessionId: string,
  ) {}

  /** The step's report, and whether the machine is now as a student who solved it would leave it. */
  async test(step: LabStep): Promise<{ report: StepReport; solved: boolean }> {
    const report: StepReport = { index: step.index, title: step.title, outcome: 'passed', timing: {} };
    let solved = false;
    try {
      await this.deps.sessions.visit(this.owner, this.sessionId, step.index);
      const background = await this.newBackgroundRuns();
      report.stderr = background.stderr[0];
      if (background.failure) throw background.failure;

      if (step.verifyScript === null) {
        if (step.solution) report.timing.solutionMs = await this.timed(() => this.solve(step));
        report.outcome = 'no-check';
        return { report: withMissingCommands(report), solved: true };
      }
      let passedTooEarly: StepFailure | null = null;
      const before = await this.check(step, report, 'beforeMs');
      if (before.passed) {
        passedTooEarly = new StepFailure(
          "La vérification réussit avant la solution : elle ne contrôle pas ce que l'étape demande (ou une étape précédente l'a déjà fait).",
          before.output,
        );
      }
      report.timing.solutionMs = await this.timed(() => this.solve(step));
      const after = await this.check(step, report, 'afterMs');
      if (!after.passed) throw new StepFailure('La vérification échoue après la solution : la solution ne résout pas l’étape, ou la vérification est trop stricte.', after.output);
      solved = true;
      if (passedTooEarly) throw passedTooEarly;
      return { report: withMissingCommands(report), solved };
    } catch (error) {
      if (!(error instanceof StepFailure)) throw error;
      return { report: { ...report, outcome: 'failed', problem: error.message, output: error.output }, solved };
    }
  }

  /**
   * The background scripts that ran since the last look: what they wrote to stderr, and the
   * first that failed, as a failure to report.
   */
  async newBackgroundRuns(): Promise<{ failure: StepFailure | null; stderr: ScriptStderr[] }> {
    const runs = await this.deps.sessions.backgroundRuns(this.sessionId);
    const fresh = runs.slice(this.backgroundsSeen);
    this.backgroundsSeen = runs.length;
    const failed = fresh.find((run) => run.exitCode !== 0);
    return {
      failure: failed ? new StepFailure(`Le script d'arrière-plan (${failed.page}) a échoué avec le code ${failed.exitCode}.`, failed.output) : null,
      stderr: fresh.filter((run) => run.stderr.length > 0).map(({ page, stderr }) => ({ page, lines: stderr })),
    };
  }

  private async check(step: LabStep, report: StepReport, timing: 'beforeMs' | 'afterMs') {
    const started = performance.now();
    const attempt = await this.deps.sessions.check(this.owner, this.sessionId, step.index);
    report.timing[timing] = performance.now() - started;
    return attempt;
  }

  /** Runs the solution's parts in order; each gets the previous part's output. */
  private async solve(step: LabStep): Promise<void> {
    let previousOutput = '';
    for (const [partIndex, part] of (step.solution ?? []).entries()) {
      const outputs: string[] = [];
      for (const node of part.nodes) {
        const { sandboxId } = await this.deps.sessions.sandboxFor(this.owner, this.sessionId, node);
        const result = await this.deps.driver.exec(sandboxId, LAB_SCRIPT_COMMAND, {
          stdin: part.script,
          env: { DOCKYARD_PREVIOUS_OUTPUT: previousOutput },
          timeoutMs: this.deps.solutionTimeoutMs ?? DEFAULT_SOLUTION_TIMEOUT_MS,
        });
        if (result.exitCode !== 0) {
          const which = step.solution && step.solution.length > 1 ? ` (partie ${partIndex + 1}, sur ${node})` : ` (sur ${node})`;
          throw new StepFailure(`La solution${which} a échoué avec le code ${result.exitCode}.`, result.output);
        }
        outputs.push(result.output.trim());
      }
      previousOutput = outputs.join('\n');
    }
  }

  private async timed(work: () => Promise<void>): Promise<number> {
    const started = performance.now();
    await work();
    return performance.now() - started;
  }
}
