import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ContentError, ContentNotFoundError, type ContentPosition, type ContentValidation } from './content-errors';
import { displayPath } from './content-paths';
import { findJsonSyntaxError, jsonLocator, type FieldPath } from './json-source';

const frenchMessages = z.locales.fr().localeError;

/** A folder where a file is expected (`"text": "step1"`) is reported like a missing file. */
function isMissingFile(error: unknown): boolean {
  return error instanceof Error && 'code' in error && ['ENOENT', 'ENOTDIR', 'EISDIR'].includes(String(error.code));
}

/**
 * Reads a UTF-8 file of the course. A missing file is an authoring error unless the caller
 * says it is the entry point of a lesson or lab, in which case the content does not exist.
 */
export async function readContentText(file: string, missing: 'invalid' | 'not-found' = 'invalid'): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (!isMissingFile(error)) throw error;
    const ErrorClass = missing === 'not-found' ? ContentNotFoundError : ContentError;
    throw new ErrorClass(`Fichier introuvable : ${displayPath(file)}`, file);
  }
}

/** Where a field is written in the file being validated (its line, at least). */
export type FieldLocator = (field: FieldPath) => ContentPosition;

/**
 * Validates data read from `file`, with French messages that name the file, and each field
 * with its line. An object's unknown fields are one problem each, at the line of each.
 */
export function parseContent<Schema extends z.ZodType>(
  schema: Schema,
  data: unknown,
  file: string,
  locate: FieldLocator,
): z.output<Schema> {
  const result = schema.safeParse(data, { error: frenchMessages });
  if (result.success) return result.data;
  const validations = result.error.issues.flatMap((issue): ContentValidation[] => {
    const problems =
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({ path: [...issue.path, key], message: 'champ inconnu (faute de frappe ?)' }))
        : [{ path: issue.path, message: issue.message }];
    return problems.map(({ path, message }) => ({ path: path.map(String).join('.') || '(racine)', message, ...locate(path) }));
  });
  const details = validations.map((v) => `  - ${v.path} (ligne ${v.line}) : ${v.message}`).join('\n');
  throw new ContentError(`Contenu invalide dans ${displayPath(file)} :\n${details}`, file, validations);
}

export async function readJsonContent<Schema extends z.ZodType>(
  file: string,
  schema: Schema,
  missing: 'invalid' | 'not-found' = 'invalid',
): Promise<z.output<Schema>> {
  const text = await readContentText(file, missing);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const located = findJsonSyntaxError(text);
    if (!located) throw error; // the scanner and JSON.parse disagree: keep Node's own error
    const { line, column, reason } = located;
    throw new ContentError(
      `JSON invalide dans ${displayPath(file)}, ligne ${line}, colonne ${column} : ${reason}`,
      file,
      [],
      { line, column },
    );
  }
  return parseContent(schema, data, file, jsonLocator(text));
}
