/**
 * What `npm run lab:test` found for one lab, and how it prints. Timings are reported for the
 * author's information only: nothing is judged on them.
 */

export type StepOutcome = 'passed' | 'failed' | 'no-check' | 'not-run';

export interface StepTiming {
  /** The check, before the solution ran (it must fail). */
  beforeMs?: number;
  solutionMs?: number;
  /** The check, after the solution ran (it must pass). */
  afterMs?: number;
}

export interface StepReport {
  index: number;
  title: string;
  outcome: StepOutcome;
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
}

export function labPassed(report: LabTestReport): boolean {
  return !report.problem && report.steps.every((step) => step.outcome === 'passed' || step.outcome === 'no-check');
}

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
  if (report.problem) lines.push(`    ${report.problem}`);
  for (const step of report.steps) {
    const head = `  ${MARKS[step.outcome]} ${step.index + 1}. ${step.title}`;
    if (step.outcome === 'passed') lines.push(`${head} — ${timingText(step.timing)}`);
    else if (step.outcome === 'no-check') lines.push(`${head} — pas de vérification${step.timing.solutionMs === undefined ? '' : ` (solution ${seconds(step.timing.solutionMs)})`}`);
    else if (step.outcome === 'not-run') lines.push(`${head} — non testée : une étape précédente a échoué`);
    else lines.push(`${head}`, `      ${step.problem ?? 'échec'}`, ...(step.output?.trim() ? excerpt(step.output) : []));
  }
  return lines.join('\n');
}
