/**
 * What authoring mode tells open pages (`./dockyard author`), on the socket.io namespace
 * AUTHORING_NAMESPACE: shared with the browser, so free of Node and of zod.
 */

export const AUTHORING_NAMESPACE = '/authoring';

export const AUTHORING_EVENTS = {
  /** server → client, on (re)connection: every watched pack's last check. Nothing to reload. */
  state: 'authoring:state',
  /** server → client: a pack was saved and checked again. */
  change: 'authoring:change',
} as const;

export interface AuthoringIssue {
  severity: 'error' | 'warning';
  /** Relative to the pack's folder (`labs/atelier/index.json`). */
  file: string;
  line: number | null;
  message: string;
}

export interface AuthoringReport {
  pack: string;
  issues: AuthoringIssue[];
  /** When the check ran, ISO. */
  changedAt: string;
}

/** `labs/atelier/index.json:4 — message`, as the overlay lists an issue. */
export function describeIssue(issue: Pick<AuthoringIssue, 'file' | 'line' | 'message'>): string {
  return `${issue.file}${issue.line === null ? '' : `:${issue.line}`} — ${issue.message}`;
}
