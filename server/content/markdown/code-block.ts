import { escapeHtml } from './escape-html';
import { highlightCode } from './highlight-code';
import type { CodeAnnotation } from './killercoda-annotations';

/**
 * Markup contract with the client (app/_components/code-actions.tsx):
 * - an annotated block is `<div class="code-block">` holding `<pre data-exec="…">` (or
 *   `data-copy`, plus `data-interrupt="true"`) and a `<button data-code-action="exec|copy">`;
 * - inline, the `<button data-code-action>` carries `data-exec` / `data-copy` itself.
 * Attributes hold the exact text to type or copy, so the client never reads highlighted HTML.
 */
const BUTTON_LABELS: Record<CodeAnnotation['action'], string> = {
  exec: '▶ Exécuter',
  copy: 'Copier',
};

const BUTTON_TITLES: Record<CodeAnnotation['action'], string> = {
  exec: 'Taper cette commande dans le terminal',
  copy: 'Copier dans le presse-papiers',
};

function actionAttributes(code: string, annotation: CodeAnnotation): string {
  const interrupt = annotation.interrupt ? ' data-interrupt="true"' : '';
  return `data-${annotation.action}="${escapeHtml(code)}"${interrupt}`;
}

export function renderCodeBlock(code: string, language: string | undefined, annotation: CodeAnnotation | null): string {
  const highlighted = highlightCode(code, language);
  const className = highlighted.language ? `hljs language-${escapeHtml(highlighted.language)}` : 'hljs';
  const codeHtml = `<code class="${className}">${highlighted.html}</code>`;
  if (!annotation) return `<pre>${codeHtml}</pre>\n`;
  const { action } = annotation;
  return (
    `<div class="code-block code-block--${action}">` +
    `<pre ${actionAttributes(code, annotation)}>${codeHtml}</pre>` +
    `<button type="button" class="code-block__button" data-code-action="${action}" title="${BUTTON_TITLES[action]}">` +
    `${BUTTON_LABELS[action]}</button></div>\n`
  );
}

export function renderInlineCodeAction(code: string, annotation: CodeAnnotation): string {
  const { action } = annotation;
  return (
    `<button type="button" class="inline-code-action inline-code-action--${action}" data-code-action="${action}" ` +
    `${actionAttributes(code, annotation)} title="${BUTTON_TITLES[action]}"><code>${escapeHtml(code)}</code></button>`
  );
}
