/** Query strings of the results routes (CSV export, drill-down, grader API), validated where they enter. */
import { z } from 'zod';
import { decodeCursor } from '../grader/attempts-cursor';
import { DEFAULT_HISTORY_PAGE, historyCursor, MAX_HISTORY_PAGE } from '../progress/lab-history';
import { CSV_FORMATS } from '../progress/results-csv';

export const resultsCsvQuery = z.object({
  format: z.enum(CSV_FORMATS, { error: 'format inconnu : spreadsheet (par défaut) ou canvas' }).default('spreadsheet'),
});

/** The most attempts in one page of the grader API: each carries its check's output (8 KiB at most). */
export const MAX_ATTEMPTS_PAGE = 200;

const BAD_CURSOR = 'curseur invalide : renvoyez la valeur « cursor » de la page précédente';

/** `after=<cursor>`: the position a cursor of ours stands for; anything else is a 400. */
function cursorParam<Position>(decode: (cursor: string) => Position | null) {
  return z
    .string()
    .max(200, BAD_CURSOR)
    .transform((cursor, context) => {
      const position = decode(cursor);
      if (!position) context.addIssue({ code: 'custom', message: BAD_CURSOR });
      return position ?? z.NEVER;
    });
}

/** `limit=<n>`: entries per page, from 1 to `max`. */
function limitParam(max: number, fallback: number, what: string) {
  const message = `nombre ${what} par page invalide : de 1 à ${max}`;
  return z.coerce.number({ error: message }).int(message).min(1, message).max(max, message).default(fallback);
}

/** `GET /api/grader/v1/classes/{id}/attempts`: where to start (a cursor, a time) and how many. */
export const attemptsQuery = z.object({
  after: cursorParam(decodeCursor).optional(),
  since: z.iso
    .datetime({ offset: true, error: 'date invalide : attendue au format ISO 8601 (2027-03-12T18:00:00Z)' })
    .transform((iso) => new Date(iso))
    .optional(),
  limit: limitParam(MAX_ATTEMPTS_PAGE, 100, "d'essais"),
});

/** A lab's evidence (drill-down, grader API): which page of the student's history, and how long. */
export const evidenceQuery = z.object({
  after: cursorParam(historyCursor.decode).optional(),
  limit: limitParam(MAX_HISTORY_PAGE, DEFAULT_HISTORY_PAGE, "d'entrées"),
});
