import { Marked, type Tokens } from 'marked';
import { renderCodeBlock, renderInlineCodeAction } from './code-block';
import { createHeadingIds, type HeadingEntry } from './heading-ids';
import { INLINE_ANNOTATED_CODE, moveFenceAnnotations, parseCodeInfo, parseInlineAnnotation } from './killercoda-annotations';
import { renderSvgFigure, type AssetContext } from './svg-figure';

export interface RenderedMarkdown {
  html: string;
  /** h2 and h3 headings, in order, for a table of contents. */
  headings: HeadingEntry[];
}

interface InlineActionToken extends Tokens.Generic {
  type: 'inlineCodeAction';
  code: string;
  annotation: ReturnType<typeof parseInlineAnnotation>['annotation'];
}

function isLoneImage(tokens: Tokens.Paragraph['tokens']): tokens is [Tokens.Image] {
  return tokens.length === 1 && tokens[0]?.type === 'image';
}

/**
 * Renders trusted course Markdown to HTML on the server: syntax highlighting, Killercoda
 * annotations turned into markup the client hooks, inline SVG diagrams, heading anchors.
 * Authors' HTML passes through untouched (content is trusted); code is always escaped.
 */
export function renderMarkdown(markdown: string, assets: AssetContext): RenderedMarkdown {
  const headings: HeadingEntry[] = [];
  const headingId = createHeadingIds();
  const marked = new Marked({
    gfm: true,
    extensions: [
      {
        name: 'inlineCodeAction',
        level: 'inline',
        start: (src) => src.indexOf('`'),
        tokenizer(src) {
          const match = INLINE_ANNOTATED_CODE.exec(src);
          if (!match) return undefined;
          return { type: 'inlineCodeAction', raw: match[0], ...parseInlineAnnotation(match) };
        },
        renderer(token) {
          const { code, annotation } = token as InlineActionToken;
          return renderInlineCodeAction(code, annotation);
        },
      },
    ],
    renderer: {
      code({ text, lang }) {
        const { language, annotation } = parseCodeInfo(lang);
        return renderCodeBlock(text, language, annotation);
      },
      heading({ tokens, depth }) {
        const text = this.parser.parseInline(tokens, this.parser.textRenderer);
        const id = headingId(text);
        if (depth === 2 || depth === 3) headings.push({ depth, id, text });
        return `<h${depth} id="${id}">${this.parser.parseInline(tokens)}</h${depth}>\n`;
      },
      // A diagram alone in its paragraph becomes a figure, which may not sit inside <p>.
      paragraph({ tokens }) {
        if (isLoneImage(tokens)) return this.parser.parseInline(tokens);
        return `<p>${this.parser.parseInline(tokens)}</p>\n`;
      },
      image({ href, text }) {
        return renderSvgFigure(href, text, assets);
      },
    },
  });
  const source = moveFenceAnnotations(markdown.replace(/\r\n?/g, '\n'));
  const html = marked.parse(source, { async: false });
  return { html, headings };
}
