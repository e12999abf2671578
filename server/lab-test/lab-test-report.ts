/**
 * What `npm run lab:test` found for one lab, and how it prints. Timings are reported for the
 * author's information only: nothing is judged on them.
 */
import { isMissingCommand } from '../sessions/lab-scripts';

export type StepOutcome = 'passed' | 'failed' | 'no-check' | 'not-run';

export interface StepTiming {
  /** The check, before the solution ran (it must fail). */
  beforeMs?: number;
  solutionMs?: number;
  /** The check, after the solution ran (it must pass). */
  afterMs?: number;
}

/** What a page's background script wrote to standard error, even though it exited 0. */
export interface ScriptStderr {
  /** `introduction`, `étape 2`, `conclusion`: the page whose background script it is. */
  page: string;
  lines: string[];
}

export interface StepReport {
  index: number;
  title: string;
  outcome: StepOutcome;
  /** Its background script's standard error, when it wrote any. */
  stderr?: ScriptStderr;
  /** What went wrong, in French, when the step failed. */
  problem?: string;
  /** The output that explains it (check, solution or background script). */
  output?: string;
  timing: StepTiming;
}

export interface LabTestReport {
  slug: string;
  title: string;
  nodes: string[];
  /** Time until the session's machines answered. */
  startMs?: number;
  /** A problem of the whole lab (cannot load, cannot start, a step without solution…). */
  problem?: string;
  steps: StepReport[];
  /** Standard error of the introduction's and the conclusion's background scripts (steps carry their own). */
  stderr?: ScriptStderr[];
}

/**
 * A background script that met `command not found` fails the lab even if it exited 0: the
 * machine lacks what it was to prepare. Other standard error lines are only shown: tools
 * write progress and notices there (`docker run`'s « Unable to find image », git, curl).
 */
export function labPassed(report: LabTestReport): boolean {
  const missing = (report.stderr ?? []).some((stderr) => stderr.lines.some(isMissingCommand));
  return !report.problem && !missing && report.steps.every((step) => step.outcome === 'passed' || step.outcome === 'no-check');
}

/** The page name lab-scripts gives the conclusion (page-starts.ts): its lines print last. */
const CONCLUSION = 'conclusion';
const MARKS: Record<StepOutcome, string> = { passed: '✓', failed: '✗', 'no-check': '○', 'not-run': '–' };
const OUTPUT_LINES = 12;

export function seconds(ms: number): string {
  if (ms >= 60_000) return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
  return `${(ms / 1000).toLocaleString('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} s`;
}

function timingText({ beforeMs, solutionMs, afterMs }: StepTiming): string {
  const parts = [
    beforeMs !== undefined && `échoue avant ${seconds(beforeMs)}`,
    solutionMs !== undefined && `solution ${seconds(solutionMs)}`,
    afterMs !== undefined && `réussit après ${seconds(afterMs)}`,
  ];
  return parts.filter(Boolean).join(' · ');
}

const STDERR_LINES = 20;

/**
 * Each line a background script wrote to stderr, marked: ✗ for a missing command (it fails
 * the lab), ⚠ for the rest. Missing commands are always all shown; the rest up to a bound.
 */
function stderrLines({ page, lines }: ScriptStderr, indent: string): string[] {
  const label = `stderr du script d'arrière-plan (${page})`;
  const missing = lines.filter(isMissingCommand);
  const others = lines.filter((line) => !isMissingCommand(line));
  const shown = [
    ...missing.map((line) => `${indent}✗ ${label} : ${line}`),
    ...others.slice(0, STDERR_LINES).map((line) => `${indent}⚠ ${label} : ${line}`),
  ];
  if (others.length > STDERR_LINES) shown.push(`${indent}⚠ … et ${others.length - STDERR_LINES} autres lignes sur stderr`);
  if (missing.length > 0) {
    shown.push(`${indent}  commande absente des machines de lab : npm run content:check dit quoi utiliser à la place`);
  }
  return shown;
}

/** The last lines of an output, indented under the step. */
function excerpt(output: string): string[] {
  const lines = output.trimEnd().split('\n');
  const shown = lines.slice(-OUTPUT_LINES).map((line) => `        │ ${line}`);
  return lines.length > OUTPUT_LINES ? [`        │ … (${lines.length - OUTPUT_LINES} lignes plus haut)`, ...shown] : shown;
}

export function formatLabTestReport(report: LabTestReport): string {
  const machines = report.nodes.length === 1 ? '1 machine' : `${report.nodes.length} machines`;
  const started = report.startMs === undefined ? '' : `, prête${report.nodes.length > 1 ? 's' : ''} en ${seconds(report.startMs)}`;
  const lines = [`${labPassed(report) ? '✓' : '✗'} ${report.slug} — ${report.title} (${machines}${started})`];
  if (report.problem) lines.push(...report.problem.split('\n').map((line) => `    ${line}`));
  const pageStderr = report.stderr ?? [];
  for (const stderr of pageStderr.filter((each) => each.page !== CONCLUSION)) lines.push(...stderrLines(stderr, '    '));
  for (const step of report.steps) {
    const head = `  ${MARKS[step.outcome]} ${step.index + 1}. ${step.title}`;
    if (step.outcome === 'passed') lines.push(`${head} — ${timingText(step.timing)}`);
    else if (step.outcome === 'no-check') lines.push(`${head} — pas de vérification${step.timing.solutionMs === undefined ? '' : ` (solution ${seconds(step.timing.solutionMs)})`}`);
    else if (step.outcome === 'not-run') lines.push(`${head} — non testée : une étape précédente a échoué`);
    else lines.push(`${head}`, `      ${step.problem ?? 'échec'}`, ...(step.output?.trim() ? excerpt(step.output) : []));
    if (step.stderr) lines.push(...stderrLines(step.stderr, '      '));
  }
  for (const stderr of pageStderr.filter((each) => each.page === CONCLUSION)) lines.push(...stderrLines(stderr, '    '));
  return lines.join('\n');
}
