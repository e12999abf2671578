/**
 * The content checker's view of one lab: index.json (syntax with its line, schema), every
 * file it names, the links of its Markdown, and what of Killercoda's format it uses that
 * Dockyard does not do (warnings). Every problem is collected, not just the first.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ContentIssues } from './content-issues';
import { resolveInside, type ContentOptions } from './content-paths';
import { jsonLocator } from './json-source';
import { killercodaWarnings } from './killercoda-support';
import { loadLab, labIndexFile, readLabIndex } from './lab';
import { labFileReferences } from './lab-files';
import { checkMarkdown } from './check-markdown';
import type { SitePages } from './link-problems';

export async function checkLab(slug: string, site: SitePages, issues: ContentIssues, options: ContentOptions & { contentRoot: string }) {
  const indexFile = labIndexFile(slug, options);
  const labDir = path.dirname(indexFile);
  let index;
  try {
    index = await readLabIndex(slug, options);
  } catch (error) {
    return issues.fromError(error, indexFile);
  }
  const locate = jsonLocator(await readFile(indexFile, 'utf8'));

  let filesOk = true;
  for (const reference of labFileReferences(index)) {
    let file: string;
    try {
      file = resolveInside(options.contentRoot, labDir, reference.relative, indexFile);
    } catch (error) {
      filesOk = false;
      issues.fromError(error, indexFile, locate(reference.field));
      continue;
    }
    if (!existsSync(file)) {
      filesOk = false;
      issues.error(indexFile, `${reference.field} : fichier introuvable, ${path.relative(options.contentRoot, file)}`, locate(reference.field));
      continue;
    }
    if (reference.kind === 'markdown') await checkMarkdown(file, site, issues, options.contentRoot);
  }

  for (const warning of killercodaWarnings(index)) {
    issues.warning(indexFile, `${warning.field} : ${warning.message}`, locate(warning.field));
  }

  // Everything above passed: the loader itself must agree (rendering, paths), or say why not.
  if (filesOk && !issues.hasErrorIn(indexFile)) {
    await loadLab(slug, options).catch((error: unknown) => issues.fromError(error, indexFile));
  }
}
