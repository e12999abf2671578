/**
 * The lines of a Markdown text as the content checker reads them, with their 1-based number:
 * prose (inline code blanked out, so that columns stay right and `[x](y)` or `{{…}}` shown as
 * code is not taken for a link or an annotation), fence lines (what follows the backticks:
 * a language, or Killercoda's annotation on the closing fence), and code, which is skipped.
 */

export interface MarkdownLine {
  line: number;
  kind: 'prose' | 'fence';
  /** The line as written. */
  raw: string;
  /** Prose: inline code replaced by spaces. Fence: the line, unchanged. */
  text: string;
}

const FENCE = /^\s*(`{3,}|~{3,})/;
const INLINE_CODE = /(`+)[\s\S]*?\1/g;

export function markdownLines(markdown: string): MarkdownLine[] {
  const lines: MarkdownLine[] = [];
  let fence: string | null = null;
  // Prose lines are held until their paragraph ends: inline code may span a line break.
  let paragraph: Array<{ line: number; raw: string }> = [];
  const endParagraph = () => {
    const blanked = blankInlineCode(paragraph.map(({ raw }) => raw).join('\n')).split('\n');
    paragraph.forEach(({ line, raw }, i) => lines.push({ line, kind: 'prose', raw, text: blanked[i] ?? raw }));
    paragraph = [];
  };
  markdown.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const fenceMatch = FENCE.exec(raw)?.[1];
    if (fence) {
      // Closed by the same character, at least as long (Killercoda's ```{{exec}} included).
      if (fenceMatch && fenceMatch[0] === fence[0] && fenceMatch.length >= fence.length) {
        fence = null;
        lines.push({ line, kind: 'fence', raw, text: raw });
      }
      return;
    }
    if (fenceMatch || raw.trim() === '') endParagraph();
    if (fenceMatch) {
      fence = fenceMatch;
      lines.push({ line, kind: 'fence', raw, text: raw });
      return;
    }
    paragraph.push({ line, raw });
  });
  endParagraph();
  return lines;
}

/** Inline code becomes blanks of the same length (line breaks kept), so columns stay right. */
function blankInlineCode(text: string): string {
  return text.replace(INLINE_CODE, (code) => code.replace(/[^\n]/g, ' '));
}
