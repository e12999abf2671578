/**
 * The links and images of a Markdown text, with their line and column, for the content
 * checker (the renderer cannot say where a link was). Code blocks and inline code are
 * skipped: `[x](y)` shown as code is not a link.
 */
import { markdownLines } from './markdown-lines';

export interface MarkdownLink {
  href: string;
  /** `![…](…)` or an HTML `src`: something the page must display, not a link to follow. */
  image: boolean;
  line: number;
  column: number;
}

const INLINE_LINK = /(!?)\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g;
const REFERENCE_DEFINITION = /^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)/;
const HTML_ATTRIBUTE = /<[a-z][^>]*?\s(href|src)\s*=\s*["']([^"']+)["']/gi;

export function findMarkdownLinks(markdown: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  for (const { line, kind, text } of markdownLines(markdown)) {
    if (kind !== 'prose') continue;
    for (const match of text.matchAll(INLINE_LINK)) {
      links.push({ href: match[2] ?? '', image: match[1] === '!', line, column: (match.index ?? 0) + 1 });
    }
    const definition = REFERENCE_DEFINITION.exec(text);
    if (definition?.[1]) links.push({ href: definition[1], image: false, line, column: text.indexOf(definition[1]) + 1 });
    for (const match of text.matchAll(HTML_ATTRIBUTE)) {
      links.push({ href: match[2] ?? '', image: match[1]?.toLowerCase() === 'src', line, column: (match.index ?? 0) + 1 });
    }
  }
  return links;
}
