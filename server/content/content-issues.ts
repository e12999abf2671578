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
   * A loader's ContentError becomes one issue per field problem. Loaders stop at the first
   * problem of a file: one that repeats a link already reported (with its line) is dropped.
   * Anything else thrown is a bug of Dockyard, not of the content, and is not caught here.
   */
  fromError(error: unknown, fallbackFile: string): void {
    if (!(error instanceof ContentError)) throw error;
    const file = error.file ?? fallbackFile;
    const repeated = this.all.some((issue) => issue.file === file && issue.href && error.message.includes(`« ${issue.href} »`));
    if (repeated) return;
    if (error.validations.length === 0) return this.error(file, error.message, error.position);
    for (const { path, message } of error.validations) this.error(file, `${path} : ${message}`);
  }

  get errorCount(): number {
    return this.all.filter((issue) => issue.severity === 'error').length;
  }

  get warningCount(): number {
    return this.all.length - this.errorCount;
  }
}

/** 1-based line of the first occurrence of `needle`, if any: enough to point an author at a field. */
export function lineOf(text: string, needle: string | RegExp): number | undefined {
  const offset = typeof needle === 'string' ? text.indexOf(needle) : text.search(needle);
  return offset < 0 ? undefined : text.slice(0, offset).split('\n').length;
}
