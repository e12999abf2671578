import { ContentError } from './content-errors';
import { displayPath } from './content-paths';

export interface FrontMatterDocument {
  attributes: Record<string, string>;
  body: string;
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
    throw new ContentError(`En-tête « --- » manquant au début de ${displayPath(file)}.`, file);
  }
  const attributes: Record<string, string> = {};
  for (const [offset, line] of (match[1] ?? '').split(/\r?\n/).entries()) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const pair = LINE.exec(line);
    if (!pair?.[1]) {
      throw new ContentError(
        `Ligne ${offset + 2} de l'en-tête de ${displayPath(file)} illisible : attendu « clé: valeur ».`,
        file,
      );
    }
    attributes[pair[1]] = unquote((pair[2] ?? '').trim());
  }
  return { attributes, body: source.slice(match[0].length) };
}

function unquote(value: string): string {
  const quote = value[0];
  if ((quote === '"' || quote === "'") && value.length >= 2 && value.endsWith(quote)) {
    return value.slice(1, -1);
  }
  return value;
}
