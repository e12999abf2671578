import { ContentError, type ContentPosition } from './content-errors';
import { displayPath } from './content-paths';
import type { FieldPath } from './json-source';

export interface FrontMatterDocument {
  attributes: Record<string, string>;
  body: string;
  /** Where a key is written (the opening `---` for a key that is not there), for error messages. */
  locate: (field: FieldPath) => ContentPosition;
}

const FENCE = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
const LINE = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/;

/**
 * Reads the `---` block at the top of a Markdown file. Only flat `key: value` pairs are
 * allowed (optionally quoted): lessons need a handful of strings, not a YAML parser.
 */
export function parseFrontMatter(source: string, file: string): FrontMatterDocument {
  const match = FENCE.exec(source);
  if (!match) {
    throw new ContentError(`En-tête « --- » manquant au début de ${displayPath(file)}.`, file, [], { line: 1 });
  }
  const attributes: Record<string, string> = {};
  const lines = new Map<string, number>();
  for (const [offset, line] of (match[1] ?? '').split(/\r?\n/).entries()) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    // The block's first line is the file's second, after the opening `---`.
    const lineNumber = offset + 2;
    const pair = LINE.exec(line);
    if (!pair?.[1]) {
      throw new ContentError(
        `Ligne ${lineNumber} de l'en-tête de ${displayPath(file)} illisible : attendu « clé: valeur ».`,
        file,
        [],
        { line: lineNumber },
      );
    }
    attributes[pair[1]] = unquote((pair[2] ?? '').trim());
    lines.set(pair[1], lineNumber);
  }
  const locate = (field: FieldPath) => {
    const key = typeof field === 'string' ? field.split('.')[0] : field[0];
    return { line: lines.get(String(key)) ?? 1 };
  };
  return { attributes, body: source.slice(match[0].length), locate };
}

function unquote(value: string): string {
  const quote = value[0];
  if ((quote === '"' || quote === "'") && value.length >= 2 && value.endsWith(quote)) {
    return value.slice(1, -1);
  }
  return value;
}
