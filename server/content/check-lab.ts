/**
 * The content checker's view of one lab: index.json (syntax with its line, schema), every
 * file it names, the links of its Markdown, and what the lab asks for that it will not get
 * (warnings: Killercoda's features Dockyard does not do, assets whose file is missing, tools
 * the machines lack and needs of the Internet in its code). Every problem is collected, not
 * just the first.
 */
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ContentIssues } from './content-issues';
import { resolveInside, type ContentOptions } from './content-paths';
import { jsonLocator } from './json-source';
import { killercodaWarnings, type LabWarning } from './killercoda-support';
import { loadLab, labIndexFile, readLabIndex } from './lab';
import { labFileReferences } from './lab-files';
import { missingAssetWarning } from './missing-asset';
import { checkMarkdown } from './check-markdown';
import { checkLabScripts, type LabCodeFile } from './check-scripts';
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
  const warn = ({ field, message }: LabWarning) => issues.warning(indexFile, `${field} : ${message}`, locate(field));

  let filesOk = true;
  const code: LabCodeFile[] = [];
  for (const reference of labFileReferences(index)) {
    let file: string;
    try {
      file = resolveInside(options.contentRoot, labDir, reference.relative, indexFile);
    } catch (error) {
      filesOk = false;
      issues.fromError(error, indexFile, locate(reference.field));
      continue;
    }
    if (!isFile(file)) {
      const shown = path.relative(options.contentRoot, file);
      // The lab loads without a missing asset (lab.ts); without a page or a script it cannot.
      if (reference.kind === 'asset') warn(missingAssetWarning(reference.field, shown));
      else {
        filesOk = false;
        issues.error(indexFile, `${reference.field} : fichier introuvable, ${shown}`, locate(reference.field));
      }
      continue;
    }
    if (reference.kind === 'markdown') await checkMarkdown(file, site, issues, options.contentRoot);
    // A file named twice (a hint shared by two steps) is looked at once.
    if (reference.kind !== 'asset' && !code.some((known) => known.file === file)) code.push({ file, kind: reference.kind });
  }

  for (const warning of killercodaWarnings(index)) warn(warning);
  await checkLabScripts(index, code, issues);

  // Everything above passed: the loader itself must agree (rendering, paths), or say why not.
  if (filesOk && !issues.hasErrorIn(indexFile)) {
    await loadLab(slug, options).catch((error: unknown) => issues.fromError(error, indexFile));
  }
}

/** A folder where index.json names a file is as missing as no file at all (the loader agrees). */
function isFile(file: string): boolean {
  return statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
}
