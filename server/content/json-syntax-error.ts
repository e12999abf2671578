/**
 * Where a JSON text stops being valid, and what was expected there, in French. Node's own
 * JSON.parse messages are English and often give no position at all ("Unexpected token '}',
 * "…" is not valid JSON"), while an author fixing index.json needs a line and a hint such as
 * « virgule en trop ». This is a strict RFC 8259 scanner that only locates the first error.
 */

export interface JsonSyntaxError {
  /** 1-based line and column of the offending character (or of the end of the text). */
  line: number;
  column: number;
  /** What is wrong there, in French, with the usual cause when there is one. */
  reason: string;
}

class Stop {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/** The first syntax error of `text`, or null when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  let at = 0;
  const fail = (reason: string): never => {
    throw new Stop(at, at >= text.length ? 'fin du fichier inattendue : une accolade ou un crochet n’est pas refermé ?' : reason);
  };
  const skipSpaces = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at] ?? '')) at += 1;
  };

  const readString = () => {
    const opening = at;
    at += 1;
    while (at < text.length) {
      const char = text[at] ?? '';
      if (char === '"') {
        at += 1;
        return;
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
    fail('cette chaîne n’est jamais refermée : guillemet fermant manquant');
  };

  const readValue = (): void => {
    skipSpaces();
    const char = text[at];
    if (char === '{') return readObject();
    if (char === '[') return readArray();
    if (char === '"') return readString();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return;
      }
    }
    NUMBER.lastIndex = at;
    if (NUMBER.test(text)) {
      at = NUMBER.lastIndex;
      return;
    }
    if (char === '}' || char === ']') fail('valeur attendue : virgule en trop avant « ' + char + ' » ?');
    if (char === "'") fail('les chaînes s’écrivent entre guillemets droits doubles (") en JSON');
    fail('valeur attendue (texte entre guillemets, nombre, true, false, null, objet ou tableau)');
  };

  const readObject = () => {
    at += 1;
    skipSpaces();
    if (text[at] === '}') {
      at += 1;
      return;
    }
    for (;;) {
      skipSpaces();
      if (text[at] !== '"') {
        fail(text[at] === '}' ? 'nom de champ attendu : virgule en trop avant « } » ?' : 'nom de champ entre guillemets doubles attendu');
      }
      readString();
      skipSpaces();
      if (text[at] !== ':') fail('« : » attendu après le nom du champ');
      at += 1;
      readValue();
      skipSpaces();
      if (text[at] === ',') {
        at += 1;
        continue;
      }
      if (text[at] === '}') {
        at += 1;
        return;
      }
      fail('« , » ou « } » attendu : virgule manquante entre deux champs ?');
    }
  };

  const readArray = () => {
    at += 1;
    skipSpaces();
    if (text[at] === ']') {
      at += 1;
      return;
    }
    for (;;) {
      readValue();
      skipSpaces();
      if (text[at] === ',') {
        at += 1;
        continue;
      }
      if (text[at] === ']') {
        at += 1;
        return;
      }
      fail('« , » ou « ] » attendu : virgule manquante entre deux éléments ?');
    }
  };

  if (text.trim() === '') return { line: 1, column: 1, reason: 'fichier vide : il doit contenir un objet JSON' };
  try {
    readValue();
    skipSpaces();
    if (at < text.length) fail('texte en trop après la fin du JSON');
    return null;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    return { ...lineAndColumn(text, error.offset), reason: error.reason };
  }
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
