/** Progress as pages, the dashboard and the grader API show it. Dates are ISO strings: they cross to the browser. */
import type { ProgressStatus } from './lab-progress';

export interface StepProgressView {
  index: number;
  title: string;
  points: number;
  graded: boolean;
  passed: boolean;
  passedAt: string | null;
  attempts: number;
  hintsShown: number;
  /** Passed after « Voir la solution »: the points count, the instructor is told. */
  solutionRevealed: boolean;
}

export interface LabProgressView {
  lab: string;
  score: number;
  maxScore: number;
  stepsPassed: number;
  status: ProgressStatus;
  resumeStep: number | null;
  timeSpentMs: number;
  completedAt: string | null;
  steps: StepProgressView[];
}

export interface QuizProgressView {
  quiz: string;
  score: number;
  maxScore: number;
  attempts: number;
  firstAt: string;
  bestAt: string;
}

/** One chapter of the course outline, for the signed-in student. */
export interface ChapterProgressView {
  chapter: string;
  lab: LabProgressView | null;
  quiz: QuizProgressView | null;
}

/** One press of « Vérifier », as evidence. */
export interface CheckAttemptView {
  step: number;
  passed: boolean;
  exitCode: number;
  /** The script's output, cut past a few screens (server/sessions/check-output.ts). */
  output: string;
  /** The output was cut: it ends with « [… sortie tronquée] ». */
  outputTruncated: boolean;
  durationMs: number;
  at: string;
}

export interface StepEventView {
  step: number;
  kind: 'started' | 'hint' | 'solution';
  hint: number;
  at: string;
}

/** A pause, resume or restore of the student's lab (server/sessions/session-pauses.ts). */
export interface LabLifecycleView {
  kind: 'paused' | 'resumed' | 'restored';
  /** Who or what did it: student, lifetime (its time was up), idle, instructor. */
  reason: string;
  /** The step (0-based) the machines went back to, for a restore. */
  step: number | null;
  at: string;
}

export interface SessionSpanView {
  id: string;
  startedAt: string;
  endedAt: string | null;
  endReason: string | null;
  durationMs: number;
  /** The student is in it now: their instructors can watch its terminal live. */
  running: boolean;
}

/**
 * What one student did on one lab: the drill-down of the dashboard and the grader API. The
 * history (attempts and events) comes a page at a time, oldest first (lab-history.ts).
 */
export interface LabEvidenceView {
  progress: LabProgressView;
  /** The latest sessions (at most 50), oldest first. */
  sessions: SessionSpanView[];
  /** All the student's sessions of the lab, listed or not. */
  sessionCount: number;
  /** This page's checks, oldest first. */
  attempts: CheckAttemptView[];
  /** This page's step events, oldest first. */
  events: StepEventView[];
  /** This page's pauses, resumes and restores, oldest first. */
  lifecycle: LabLifecycleView[];
  /** Where this page stopped: send it back as `after` for the next page. */
  cursor: string | null;
  /** More attempts or events follow this page. */
  more: boolean;
}

/** One press of « Valider mes réponses »: the ticked choice ids by question id, and the score then. */
export interface QuizAttemptView {
  answers: Record<string, string[]>;
  score: number;
  maxScore: number;
  at: string;
}

/** A quiz question as the drill-down shows it beside the student's answers: which choices were right. */
export interface QuizQuestionView {
  id: string;
  promptHtml: string;
  choices: Array<{ id: string; html: string; correct: boolean }>;
}

/** Everything one student answered on one quiz, oldest first, with the questions (empty when the quiz left the course). */
export interface QuizEvidenceView {
  progress: QuizProgressView | null;
  attempts: QuizAttemptView[];
  questions: QuizQuestionView[];
}
