/**
 * What the nightly run keeps of a lab:test report: passed or failed, and for a failure the
 * step that failed, why, and the output that explains it. Outputs are bounded, keeping their
 * END: a failing script says why in its last lines (`command not found`, the exit message).
 */
import { isMissingCommand } from '../sessions/lab-scripts';
import { labPassed, type LabTestReport } from '../lab-test/lab-test-report';

export type HealthOutcome = 'passed' | 'failed' | 'postponed';

export interface HealthFinding {
  outcome: 'passed' | 'failed';
  /** 0-based; null when the whole lab failed (it cannot load or start, an introduction script failed). */
  stepIndex: number | null;
  stepTitle: string | null;
  problem: string | null;
  output: string | null;
}

/** Characters of an output kept per result (8 Ki): a few screens, from the end. */
export const HEALTH_OUTPUT_MAX_CHARS = 8 * 1024;
export const OUTPUT_CUT_MARKER = '[… début de la sortie coupé]\n';

/** The last HEALTH_OUTPUT_MAX_CHARS of an output, marked when its beginning was cut. */
export function tailOfOutput(output: string, max = HEALTH_OUTPUT_MAX_CHARS): string {
  if (output.length <= max) return output;
  let start = output.length - max;
  // Never half of a character outside the Basic Multilingual Plane.
  if (isLowSurrogate(output.charCodeAt(start))) start += 1;
  return OUTPUT_CUT_MARKER + output.slice(start);
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

const PASSED: HealthFinding = { outcome: 'passed', stepIndex: null, stepTitle: null, problem: null, output: null };

export function findingOf(report: LabTestReport): HealthFinding {
  if (labPassed(report)) return PASSED;
  const step = report.steps.find((each) => each.outcome === 'failed');
  if (step) {
    const missing = step.stderr?.lines.filter(isMissingCommand) ?? [];
    const output = [step.output?.trimEnd() ?? '', ...missing].filter(Boolean).join('\n');
    return failed(step.index, step.title, step.problem ?? 'échec', output);
  }
  if (report.problem) {
    // « message\noutput »: the first line says what failed, the rest is what it printed.
    const [first = '', ...rest] = report.problem.split('\n');
    return failed(null, null, first, rest.join('\n'));
  }
  // Passed steps, but an introduction's or conclusion's script met a missing command.
  const missing = (report.stderr ?? []).find((stderr) => stderr.lines.some(isMissingCommand));
  const problem = `Le script d'arrière-plan (${missing?.page ?? '?'}) appelle une commande que les machines de lab n'ont pas.`;
  return failed(null, null, problem, missing?.lines.filter(isMissingCommand).join('\n') ?? '');
}

function failed(stepIndex: number | null, stepTitle: string | null, problem: string, output: string): HealthFinding {
  return { outcome: 'failed', stepIndex, stepTitle, problem: tailOfOutput(problem, 2_000), output: output.trim() ? tailOfOutput(output) : null };
}
