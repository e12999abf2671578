import { renderMarkdown } from './render-markdown';
import type { AssetContext } from './svg-figure';

const LONE_PARAGRAPH = /^<p>((?:(?!<p>)[\s\S])*)<\/p>$/;

/**
 * Renders a short text (a quiz prompt, a choice) like any course Markdown, but without the
 * paragraph around a single paragraph: a choice sits inside a <label>, where a <p> is not
 * allowed. Longer texts (a list, a code block) keep their blocks.
 */
export function renderShortMarkdown(markdown: string, assets: AssetContext): string {
  const html = renderMarkdown(markdown, assets).html.trim();
  return LONE_PARAGRAPH.exec(html)?.[1] ?? html;
}
