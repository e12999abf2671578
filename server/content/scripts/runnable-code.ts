/**
 * The code of a lab's Markdown that runs in the student's terminal: blocks and inline code
 * marked `{{exec}}` (a click types and runs them, like a foreground script), and `{{copy}}`
 * blocks in a shell language (`bash`, `sh`…: commands to paste). Other code is not taken:
 * a plain block may show a Dockerfile, an output, or a command for another machine (« sur
 * votre poste : apt install docker.io »), and inline `{{copy}}` is often a value (a token,
 * an image name), not a command.
 */
import { moveFenceAnnotations, parseCodeInfo } from '../markdown/killercoda-annotations';
import { markdownLines } from '../markdown/markdown-lines';

export interface RunnableCode {
  source: string;
  /** Where the code starts in the Markdown file. */
  line: number;
  column: number;
}

const SHELL_LANGUAGES = new Set(['bash', 'sh', 'shell', 'zsh', 'console', 'shell-session']);
const OPENING_FENCE = /^([ \t]*)(`{3,}|~{3,})(.*)$/;
const INLINE_EXEC = /`([^`\n]+)`\{\{\s*(?:exec|execute)(?:\s+interrupt)?\s*\}\}/g;

export function findRunnableCode(markdown: string): RunnableCode[] {
  // The annotation moves to the opening fence; lines stay where they were.
  const lines = moveFenceAnnotations(markdown).split('\n');
  const found: RunnableCode[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const opening = OPENING_FENCE.exec(lines[index] ?? '');
    if (!opening) continue;
    const [, indent = '', fence = '', info] = opening;
    const close = lines.findIndex((line, i) => i > index && line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, '') === '');
    const end = close === -1 ? lines.length : close;
    const { language, annotation } = parseCodeInfo(info);
    const runs = annotation?.action === 'exec' || (annotation?.action === 'copy' && SHELL_LANGUAGES.has(language ?? ''));
    if (runs) {
      const body = lines.slice(index + 1, end).map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line));
      found.push({ source: body.join('\n'), line: index + 2, column: indent.length + 1 });
    }
    index = end;
  }
  for (const { line, kind, raw } of markdownLines(markdown)) {
    if (kind !== 'prose') continue;
    for (const match of raw.matchAll(INLINE_EXEC)) found.push({ source: match[1] ?? '', line, column: match.index + 2 });
  }
  return found.sort((a, b) => a.line - b.line || a.column - b.column);
}
