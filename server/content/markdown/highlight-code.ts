import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import dockerfile from 'highlight.js/lib/languages/dockerfile';
import ini from 'highlight.js/lib/languages/ini';
import json from 'highlight.js/lib/languages/json';
import nginx from 'highlight.js/lib/languages/nginx';
import plaintext from 'highlight.js/lib/languages/plaintext';
import shell from 'highlight.js/lib/languages/shell';
import yaml from 'highlight.js/lib/languages/yaml';
import { escapeHtml } from './escape-html';

// Only the languages a containers course uses: the full bundle would triple start-up parsing.
hljs.registerLanguage('bash', bash);
hljs.registerLanguage('dockerfile', dockerfile);
hljs.registerLanguage('ini', ini);
hljs.registerLanguage('json', json);
hljs.registerLanguage('nginx', nginx);
hljs.registerLanguage('plaintext', plaintext);
hljs.registerLanguage('shell', shell);
hljs.registerLanguage('yaml', yaml);

export interface HighlightedCode {
  /** Escaped HTML, with hljs spans when the language is known. */
  html: string;
  /** Language as the author wrote it (lower-cased), or undefined when shown as plain text. */
  language: string | undefined;
}

export function highlightCode(code: string, requested: string | undefined): HighlightedCode {
  const language = requested?.toLowerCase();
  if (!language || !hljs.getLanguage(language)) return { html: escapeHtml(code), language: undefined };
  return { html: hljs.highlight(code, { language, ignoreIllegals: true }).value, language };
}
