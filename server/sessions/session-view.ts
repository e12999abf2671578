/** What the browser is told about a lab session (route handlers and the lab page share it). */
export interface SessionView {
  id: string;
  lab: string;
  state: 'running' | 'ended';
  nodes: string[];
  startedAt: string;
  /** When the session ends unless extended (ISO date). */
  expiresAt: string;
  /** The latest « Prolonger » can push expiresAt to (ISO date). */
  maxExpiresAt: string;
}

export interface AttemptView {
  id: string;
  step: number;
  passed: boolean;
  output: string;
  createdAt: string;
}
