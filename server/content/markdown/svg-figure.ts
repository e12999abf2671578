import { readFileSync } from 'node:fs';
import { ContentError } from '../content-errors';
import { displayPath, resolveInside } from '../content-paths';
import { escapeHtml } from './escape-html';

export interface AssetContext {
  /** The content root: assets may not be read from outside it. */
  contentRoot: string;
  /** Folder that relative image paths start from (the Markdown file's folder). */
  baseDir: string;
  /** The Markdown file, named in error messages. */
  sourceFile: string;
}

/**
 * Turns `![légende](assets/schema.svg)` into an inline SVG inside a figure. Inlining keeps
 * diagrams offline, crisp at any zoom, and searchable, with no route to serve assets.
 * Only local SVG files are accepted: anything else would need the network or a file route.
 */
export function renderSvgFigure(href: string, caption: string, context: AssetContext): string {
  if (!href.toLowerCase().endsWith('.svg') || /^[a-z]+:/i.test(href)) {
    throw new ContentError(
      `Image « ${href} » refusée dans ${displayPath(context.sourceFile)} : seules les images SVG locales sont prises en charge.`,
      context.sourceFile,
    );
  }
  const file = resolveInside(context.contentRoot, context.baseDir, decodeURI(href), context.sourceFile);
  let svg: string;
  try {
    svg = readFileSync(file, 'utf8');
  } catch {
    throw new ContentError(
      `Image introuvable : ${displayPath(file)} (référencée dans ${displayPath(context.sourceFile)}).`,
      context.sourceFile,
    );
  }
  const markup = svg.replace(/^\s*<\?xml[^>]*\?>\s*/, '').replace(/<!DOCTYPE[^>]*>\s*/i, '').trim();
  const figcaption = caption ? `<figcaption>${escapeHtml(caption)}</figcaption>` : '';
  return `<figure class="diagram">${markup}${figcaption}</figure>\n`;
}
