import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ContentIssues } from './content-issues';
import { linkProblem, type SitePages } from './link-problems';
import { findMarkdownLinks } from './markdown/markdown-links';

/** Reports each broken link or image of a Markdown file at its line and column. */
export async function checkMarkdownLinks(file: string, site: SitePages, issues: ContentIssues, contentRoot: string) {
  const markdown = await readFile(file, 'utf8');
  const context = { contentRoot, baseDir: path.dirname(file), site };
  for (const link of findMarkdownLinks(markdown)) {
    const problem = linkProblem(link, context);
    if (problem) issues.error(file, problem, { line: link.line, column: link.column, href: link.href });
  }
}
