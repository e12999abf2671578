/**
 * Problems found by the content checker, collected rather than thrown so that one run lists
 * them all. Errors make `npm run content:check` fail; warnings (what of Killercoda's format
 * Dockyard does not do) are printed but pass.
 */
import { ContentError, type ContentPosition } from './content-errors';

export type IssueSeverity = 'error' | 'warning';

export interface ContentIssue extends Partial<ContentPosition> {
  severity: IssueSeverity;
  /** Absolute path of the file to fix. */
  file: string;
  message: string;
  /** The link or image the issue is about, when it is one. */
  href?: string;
}

export class ContentIssues {
  readonly all: ContentIssue[] = [];

  error(file: string, message: string, position?: ContentPosition & { href?: string }): void {
    this.all.push({ severity: 'error', file, message, ...position });
  }

  warning(file: string, message: string, position?: ContentPosition): void {
    this.all.push({ severity: 'warning', file, message, ...position });
  }

  hasErrorIn(file: string): boolean {
    return this.all.some((issue) => issue.severity === 'error' && issue.file === file);
  }

  /**
   * A loader's ContentError becomes one issue per field problem, each at its line. Loaders
   * stop at the first problem of a file: one that repeats a link already reported (with its
   * line) is dropped. `position` is where the caller knows the problem is, when the error
   * does not say. Anything else thrown is a bug of Dockyard, not of the content, and is not
   * caught here.
   */
  fromError(error: unknown, fallbackFile: string, position?: ContentPosition): void {
    if (!(error instanceof ContentError)) throw error;
    const file = error.file ?? fallbackFile;
    const repeated = this.all.some((issue) => issue.file === file && issue.href && error.message.includes(`« ${issue.href} »`));
    if (repeated) return;
    if (error.validations.length === 0) return this.error(file, error.message, error.position ?? position);
    for (const { path, message, line, column } of error.validations) {
      this.error(file, `${path} : ${message}`, line === undefined ? undefined : { line, column });
    }
  }

  get errorCount(): number {
    return this.all.filter((issue) => issue.severity === 'error').length;
  }

  get warningCount(): number {
    return this.all.length - this.errorCount;
  }
}
