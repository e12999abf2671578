/**
 * A JSON file as its author wrote it: where it stops being valid, and where each of its
 * fields is. Node's JSON.parse messages are English and often give no position at all
 * ("Unexpected token '}', "…" is not valid JSON"), and a schema error only knows a field's
 * path (`details.steps.0.verify`), while an author fixing index.json needs a line. This is a
 * strict RFC 8259 scanner that stops at the first syntax error, or records where every
 * value (and every member's name) starts.
 */
import type { ContentPosition } from './content-errors';

export interface JsonSyntaxError {
  /** 1-based line and column of the offending character (or of the end of the text). */
  line: number;
  column: number;
  /** What is wrong there, in French, with the usual cause when there is one. */
  reason: string;
}

/** Where a value starts in the text, and where its members or items do. */
interface JsonNode {
  offset: number;
  /** An object's members by name: where the name is written, and its value. */
  members?: Map<string, { nameOffset: number; value: JsonNode }>;
  items?: JsonNode[];
}

class Stop {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/** The tree of positions of `text`, or the first syntax error. */
function scanJson(text: string): { root: JsonNode } | { error: JsonSyntaxError } {
  let at = 0;
  const fail = (reason: string): never => {
    throw new Stop(at, at >= text.length ? 'fin du fichier inattendue : une accolade ou un crochet n’est pas refermé ?' : reason);
  };
  const skipSpaces = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at] ?? '')) at += 1;
  };

  /** Reads a string and returns its value (a member's name is looked up by it). */
  const readString = (): string => {
    const opening = at;
    at += 1;
    while (at < text.length) {
      const char = text[at] ?? '';
      if (char === '"') {
        at += 1;
        return JSON.parse(text.slice(opening, at)) as string;
      }
      if (char === '\\') {
        const next = text[at + 1] ?? '';
        if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) at += 6;
        else if (ESCAPES.has(next)) at += 2;
        else fail('séquence d’échappement invalide après « \\ » (écrivez « \\\\ » pour une barre oblique inverse)');
        continue;
      }
      if (char < ' ') fail('retour à la ligne dans une chaîne : guillemet fermant manquant ? (écrivez « \\n » pour un saut de ligne)');
      at += 1;
    }
    at = opening;
    return fail('cette chaîne n’est jamais refermée : guillemet fermant manquant');
  };

  const readValue = (): JsonNode => {
    skipSpaces();
    const node: JsonNode = { offset: at };
    const char = text[at];
    if (char === '{') return { ...node, members: readObject() };
    if (char === '[') return { ...node, items: readArray() };
    if (char === '"') {
      readString();
      return node;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return node;
      }
    }
    NUMBER.lastIndex = at;
    if (NUMBER.test(text)) {
      at = NUMBER.lastIndex;
      return node;
    }
    if (char === '}' || char === ']') fail('valeur attendue : virgule en trop avant « ' + char + ' » ?');
    if (char === "'") fail('les chaînes s’écrivent entre guillemets droits doubles (") en JSON');
    return fail('valeur attendue (texte entre guillemets, nombre, true, false, null, objet ou tableau)');
  };

  /** The items of an object or array, from its opening character to `close`, comma-separated. */
  const readItems = (close: '}' | ']', readItem: () => void, missingComma: string): void => {
    at += 1;
    skipSpaces();
    if (text[at] === close) {
      at += 1;
      return;
    }
    for (;;) {
      readItem();
      skipSpaces();
      if (text[at] === ',') {
        at += 1;
        continue;
      }
      if (text[at] === close) {
        at += 1;
        return;
      }
      fail(missingComma);
    }
  };

  const readObject = (): NonNullable<JsonNode['members']> => {
    // Like JSON.parse, a name given twice keeps its last value.
    const members: NonNullable<JsonNode['members']> = new Map();
    const readMember = () => {
      skipSpaces();
      if (text[at] !== '"') {
        fail(text[at] === '}' ? 'nom de champ attendu : virgule en trop avant « } » ?' : 'nom de champ entre guillemets doubles attendu');
      }
      const nameOffset = at;
      const name = readString();
      skipSpaces();
      if (text[at] !== ':') fail('« : » attendu après le nom du champ');
      at += 1;
      members.set(name, { nameOffset, value: readValue() });
    };
    readItems('}', readMember, '« , » ou « } » attendu : virgule manquante entre deux champs ?');
    return members;
  };

  const readArray = (): JsonNode[] => {
    const items: JsonNode[] = [];
    readItems(']', () => items.push(readValue()), '« , » ou « ] » attendu : virgule manquante entre deux éléments ?');
    return items;
  };

  if (text.trim() === '') return { error: { line: 1, column: 1, reason: 'fichier vide : il doit contenir un objet JSON' } };
  try {
    const root = readValue();
    skipSpaces();
    if (at < text.length) fail('texte en trop après la fin du JSON');
    return { root };
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    return { error: { ...lineAndColumn(text, error.offset), reason: error.reason } };
  }
}

/** The first syntax error of `text`, or null when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const scanned = scanJson(text);
  return 'error' in scanned ? scanned.error : null;
}

/** A field's path, as zod and the checker write it: `['details', 'steps', 0]` or `details.steps.0`. */
export type FieldPath = ReadonlyArray<PropertyKey> | string;

/**
 * Where each field of a valid JSON text is written: a member at its name, an array item at
 * its first character. A field that is not there (a missing `title`) is placed where it
 * should be written: at the nearest of its parents that is. Scans the text once.
 */
export function jsonLocator(text: string): (field: FieldPath) => ContentPosition {
  // Scanned on the first question only: valid files (every file, at every start) never ask.
  let root: JsonNode | undefined;
  return (field) => {
    if (!root) {
      const scanned = scanJson(text);
      root = 'root' in scanned ? scanned.root : { offset: 0 };
    }
    const segments = typeof field === 'string' ? field.split('.').filter(Boolean) : field;
    let node = root;
    let offset = root.offset;
    for (const segment of segments) {
      const member = node.members?.get(String(segment));
      const item = typeof segment === 'symbol' ? undefined : node.items?.[Number(segment)];
      if (member) [node, offset] = [member.value, member.nameOffset];
      else if (item) [node, offset] = [item, item.offset];
      else break;
    }
    return lineAndColumn(text, offset);
  };
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
