/**
 * content:check's look at what a lab runs on its machines: its scripts (background,
 * foreground, verify, solutions) and the commands of its Markdown that run in the student's
 * terminal (scripts/runnable-code.ts). Each call of a tool the machines lack, and each need
 * of the Internet, is a warning at its file and line (scripts/script-warnings.ts).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ContentIssues } from './content-issues';
import type { LabIndex } from './lab-index';
import { labNodes } from './lab-index';
import { readImageCatalog, type ImageCatalog } from './scripts/image-catalog';
import { readNodeCommands } from './scripts/node-tools';
import { findRunnableCode } from './scripts/runnable-code';
import { labProvisions, scriptWarnings, type CodeKind, type ScriptContext } from './scripts/script-warnings';

/** A file of the lab that exists: a script, or Markdown. */
export interface LabCodeFile {
  file: string;
  kind: 'script' | 'markdown';
}

/** Folders of the machines' PATH: an asset copied there is a command the lab brings. */
const PATH_DIRS = new Set(['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin']);

let machines: { commands: Set<string>; catalog: ImageCatalog } | null = null;
/** The node's commands and the catalog, read once per run. */
function machineFacts() {
  machines ??= { commands: readNodeCommands(), catalog: readImageCatalog() };
  return machines;
}

export async function checkLabScripts(index: LabIndex, files: readonly LabCodeFile[], issues: ContentIssues): Promise<void> {
  const code = await Promise.all(
    files.map(async ({ file, kind }) => {
      const text = await readFile(file, 'utf8');
      const pieces: Array<{ source: string; kind: CodeKind; line: number; column: number }> =
        kind === 'script' ? [{ source: text, kind: 'script', line: 1, column: 1 }] : findRunnableCode(text).map((piece) => ({ ...piece, kind: 'command' }));
      return { file, pieces };
    }),
  );
  const facts = machineFacts();
  const provided = labProvisions(code.flatMap(({ pieces }) => pieces.map((piece) => piece.source)));
  for (const assets of Object.values(index.details.assets ?? {})) {
    for (const asset of assets) {
      if (PATH_DIRS.has(asset.target.replace(/\/+$/, ''))) provided.commands.add(path.posix.basename(asset.file));
    }
  }
  const context: ScriptContext = {
    commands: new Set([...facts.commands, ...provided.commands]),
    catalog: facts.catalog,
    labImages: provided.images,
    loadsImages: provided.loadsImages,
    nodes: labNodes(index),
  };
  for (const { file, pieces } of code) {
    for (const { source, kind, line, column } of pieces) {
      for (const warning of scriptWarnings(source, context, kind, { line, column })) {
        issues.warning(file, warning.message, { line: warning.line, column: warning.column });
      }
    }
  }
}
