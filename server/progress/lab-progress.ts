/**
 * A student's progress on one lab, from what was recorded across all their sessions of it:
 * check attempts, step events (hints, solutions) and the sessions' spans. Pure: the service
 * loads the rows, this decides what they mean, so the grading rules are tested without a
 * database.
 *
 * Rules: a step counts once it has a passing check, in any session (a reset or a new session
 * does not take points back). A step passed after its solution was revealed still earns its
 * points but is flagged, so that the instructor sees it. A step without a check (reading,
 * setting up) cannot be passed, so it is not graded: it neither earns nor withholds points.
 */

export interface StepSpec {
  title: string;
  points: number;
  /** Whether the step has a check (a verify script): only those are graded. */
  graded: boolean;
}

export interface AttemptRecord {
  step: number;
  passed: boolean;
  createdAt: Date;
}

export interface StepEventRecord {
  step: number;
  kind: string;
  hint: number;
}

export interface SessionSpan {
  createdAt: Date;
  lastActiveAt: Date;
  endedAt: Date | null;
}

export type ProgressStatus = 'not-started' | 'in-progress' | 'done';

export interface StepProgress {
  index: number;
  title: string;
  /** 0 for a step that is not graded. */
  points: number;
  graded: boolean;
  passed: boolean;
  /** When it first passed: later passes change nothing. */
  passedAt: Date | null;
  attempts: number;
  /** Distinct hints shown, whichever session showed them. */
  hintsShown: number;
  solutionRevealed: boolean;
}

export interface LabProgress {
  score: number;
  maxScore: number;
  stepsPassed: number;
  status: ProgressStatus;
  /** Where to resume: the first step not passed yet; null once every step is passed. */
  resumeStep: number | null;
  timeSpentMs: number;
  /** When the last step was passed (the lab is then done); for « en retard ». */
  completedAt: Date | null;
  steps: StepProgress[];
}

export interface LabRecords {
  attempts: AttemptRecord[];
  events: StepEventRecord[];
  sessions: SessionSpan[];
}

export function computeLabProgress(steps: StepSpec[], records: LabRecords): LabProgress {
  const stepProgress = steps.map((spec, index) => stepOutcome(spec, index, records));
  const graded = stepProgress.filter((step) => step.graded);
  const passed = graded.filter((step) => step.passed);
  const status: ProgressStatus =
    graded.length > 0 && passed.length === graded.length ? 'done' : records.sessions.length > 0 || records.attempts.length > 0 ? 'in-progress' : 'not-started';
  return {
    score: sum(passed.map((step) => step.points)),
    maxScore: sum(graded.map((step) => step.points)),
    stepsPassed: passed.length,
    status,
    resumeStep: graded.find((step) => !step.passed)?.index ?? null,
    timeSpentMs: sum(records.sessions.map(sessionDurationMs)),
    completedAt: status === 'done' ? latest(passed.map((step) => step.passedAt)) : null,
    steps: stepProgress,
  };
}

/** A session lasts until it ended, or, while it runs, until its last activity (not « now »: an idle tab is not work). */
export function sessionDurationMs(session: SessionSpan): number {
  const end = session.endedAt ?? session.lastActiveAt;
  return Math.max(0, end.getTime() - session.createdAt.getTime());
}

function stepOutcome(spec: StepSpec, index: number, records: LabRecords): StepProgress {
  const attempts = records.attempts.filter((attempt) => attempt.step === index);
  const passes = attempts.filter((attempt) => attempt.passed);
  const events = records.events.filter((event) => event.step === index);
  return {
    index,
    title: spec.title,
    points: spec.graded ? spec.points : 0,
    graded: spec.graded,
    passed: spec.graded && passes.length > 0,
    passedAt: earliest(passes.map((attempt) => attempt.createdAt)),
    attempts: attempts.length,
    hintsShown: new Set(events.filter((event) => event.kind === 'hint').map((event) => event.hint)).size,
    solutionRevealed: events.some((event) => event.kind === 'solution'),
  };
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

function earliest(dates: Date[]): Date | null {
  return dates.reduce<Date | null>((first, date) => (first === null || date < first ? date : first), null);
}

function latest(dates: Array<Date | null>): Date | null {
  return dates.reduce<Date | null>((last, date) => (date !== null && (last === null || date > last) ? date : last), null);
}
