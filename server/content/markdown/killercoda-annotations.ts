/**
 * Killercoda's code annotations. An author writes
 *
 *     ```bash
 *     docker run hello-world
 *     ```{{exec}}
 *
 * (or `{{copy}}`, or `{{exec interrupt}}` to send Ctrl-C first), and `docker ps`{{exec}}
 * inline. CommonMark does not allow text after a closing fence, so before Markdown parsing
 * we move the annotation onto the opening fence's info string (```` ```bash {{exec}} ````),
 * where it survives parsing and the code renderer reads it back.
 */

export type CodeAction = 'exec' | 'copy';

export interface CodeAnnotation {
  action: CodeAction;
  /** Send Ctrl-C before typing the command, to stop whatever runs in the foreground. */
  interrupt: boolean;
}

// `execute` is the older Katacoda spelling, still found in imported scenarios.
const ANNOTATION = String.raw`\{\{\s*(exec|execute|copy)(\s+interrupt)?\s*\}\}`;
const ANNOTATION_IN_INFO = new RegExp(`\\s*${ANNOTATION}\\s*`);
// Any indentation: fences nested in list items are indented by the item's width.
const OPENING_FENCE = /^([ \t]*)(`{3,}|~{3,})(.*)$/;
const ANNOTATED_CLOSING_FENCE = new RegExp(`^([ \\t]*)(\`{3,}|~{3,})\\s*${ANNOTATION}\\s*$`);
const PLAIN_CLOSING_FENCE = /^([ \t]*)(`{3,}|~{3,})\s*$/;

export const INLINE_ANNOTATED_CODE = new RegExp(`^\`([^\`\\n]+)\`${ANNOTATION}`);

function toAnnotation(action: string | undefined, interrupt: string | undefined): CodeAnnotation {
  return { action: action === 'copy' ? 'copy' : 'exec', interrupt: Boolean(interrupt) };
}

/** Splits a fence info string such as `bash {{exec interrupt}}` into language and annotation. */
export function parseCodeInfo(info: string | undefined): { language: string | undefined; annotation: CodeAnnotation | null } {
  const text = info ?? '';
  const match = ANNOTATION_IN_INFO.exec(text);
  const language = text.replace(ANNOTATION_IN_INFO, ' ').trim().split(/\s+/)[0] || undefined;
  return { language, annotation: match ? toAnnotation(match[1], match[2]) : null };
}

export function parseInlineAnnotation(match: RegExpExecArray): { code: string; annotation: CodeAnnotation } {
  return { code: match[1] ?? '', annotation: toAnnotation(match[2], match[3]) };
}

/** Rewrites annotated closing fences into plain ones, carrying the annotation to the opening fence. */
export function moveFenceAnnotations(markdown: string): string {
  const lines = markdown.split('\n');
  let open: { index: number; fence: string } | null = null;
  for (const [index, line] of lines.entries()) {
    if (!open) {
      const opening = OPENING_FENCE.exec(line);
      const fence = opening?.[2];
      // A backtick fence's info string may not contain backticks (CommonMark).
      if (fence && !(fence.startsWith('`') && opening[3]?.includes('`'))) open = { index, fence };
      continue;
    }
    const annotated = ANNOTATED_CLOSING_FENCE.exec(line);
    const closing = annotated ?? PLAIN_CLOSING_FENCE.exec(line);
    const fence = closing?.[2];
    if (!fence || fence[0] !== open.fence[0] || fence.length < open.fence.length) continue;
    if (annotated) {
      const { action, interrupt } = toAnnotation(annotated[3], annotated[4]);
      lines[open.index] = `${lines[open.index]} {{${action}${interrupt ? ' interrupt' : ''}}}`;
      lines[index] = `${annotated[1] ?? ''}${fence}`;
    }
    open = null;
  }
  return lines.join('\n');
}
