import { Fragment } from 'react';

/**
 * Text whose `backquoted` parts are code: the catalog's notes and the page's lead name
 * commands and paths, and a whole Markdown renderer would be too much for one sentence.
 */
export function InlineCode({ text }: { text: string }) {
  return text.split('`').map((part, index) => (index % 2 === 1 ? <code key={index}>{part}</code> : <Fragment key={index}>{part}</Fragment>));
}
