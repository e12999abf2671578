import { displayPath } from './content-paths';
import type { ContentIssue } from './content-issues';
import type { ContentCheckReport } from './check-content';

const MARKS = { error: '✗', warning: '⚠' } as const;

/** `file:line:column`, the form editors and terminals turn into a link to the place. */
export function issueLocation(issue: ContentIssue): string {
  const position = issue.line === undefined ? '' : `:${issue.line}${issue.column === undefined ? '' : `:${issue.column}`}`;
  return `${displayPath(issue.file)}${position}`;
}

function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count > 1 ? pluralForm : singular}`;
}

/** The checker's report as printed by `npm run content:check`: issues by file and line, then a summary. */
export function formatContentReport(report: ContentCheckReport, elapsedMs: number): string {
  const sorted = [...report.issues.all].sort(
    (a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
  const lines = sorted.flatMap((issue) => [
    `${MARKS[issue.severity]} ${issueLocation(issue)}`,
    ...issue.message.split('\n').map((line) => `    ${line.trim()}`),
  ]);
  const { errorCount, warningCount } = report.issues;
  const seconds = (elapsedMs / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 });
  const verdict = errorCount === 0 ? '✓ contenu valide' : `✗ ${plural(errorCount, 'erreur')} à corriger`;
  lines.push(
    `${lines.length ? '\n' : ''}content:check — ${plural(report.lessons, 'leçon')}, ${plural(report.quizzes, 'quiz', 'quiz')}, ${plural(report.labs, 'lab')} : ` +
      `${verdict}, ${plural(warningCount, 'avertissement')} (${seconds} s)`,
  );
  return lines.join('\n');
}
