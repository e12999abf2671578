/** What the browser is told about a lab session (route handlers and the lab page share it). */
export interface SessionView {
  id: string;
  lab: string;
  /** paused: its machines are stopped with everything on them, until « Reprendre » (session-pauses.ts). */
  state: 'running' | 'paused' | 'ended';
  nodes: string[];
  startedAt: string;
  /** Paused since then (ISO date), null otherwise. */
  pausedAt: string | null;
  /** A paused lab is deleted then unless resumed (ISO date); keepReason says why that date. */
  keepUntil: string | null;
  keepReason: 'retention' | 'quota' | null;
  /** Steps (0-based) whose snapshot the machines can go back to (« Revenir à l'étape N »). */
  restorableSteps: number[];
  /** When the session ends unless extended (ISO date). */
  expiresAt: string;
  /** The latest « Prolonger » can push expiresAt to (ISO date). */
  maxExpiresAt: string;
}

export interface AttemptView {
  id: string;
  step: number;
  passed: boolean;
  /** The script's output, cut past a few screens (check-output.ts). */
  output: string;
  /** The output was cut: it ends with « [… sortie tronquée] ». */
  outputTruncated: boolean;
  createdAt: string;
}

/** A step's help as the student has revealed it so far (« Indice », « Voir la solution »). */
export interface StepHelpView {
  step: number;
  /** How many hints the step has, shown or not. */
  hintCount: number;
  /** HTML of the hints shown so far, in order. */
  hints: string[];
  solution: SolutionView | null;
}

export interface SolutionView {
  /** When the student revealed it (ISO date): the step says so from then on. */
  revealedAt: string;
  /** The solution's scripts, each with the machines it runs on, as highlighted HTML. */
  parts: Array<{ nodes: string[]; html: string }>;
}
