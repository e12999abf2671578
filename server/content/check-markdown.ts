import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ContentIssues } from './content-issues';
import { linkProblem, type SitePages } from './link-problems';
import { findAnnotationProblems } from './markdown/killercoda-annotations';
import { findMarkdownLinks } from './markdown/markdown-links';

/**
 * Reports each broken link or image of a Markdown file at its line and column (errors), and
 * each Killercoda annotation Dockyard does not do (warnings: the page still works).
 */
export async function checkMarkdown(file: string, site: SitePages, issues: ContentIssues, contentRoot: string) {
  const markdown = await readFile(file, 'utf8');
  const context = { contentRoot, baseDir: path.dirname(file), site };
  for (const link of findMarkdownLinks(markdown)) {
    const problem = linkProblem(link, context);
    if (problem) issues.error(file, problem, { line: link.line, column: link.column, href: link.href });
  }
  for (const { message, line, column } of findAnnotationProblems(markdown)) issues.warning(file, message, { line, column });
}
