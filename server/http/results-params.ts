/** Query strings of the results routes (CSV export, grader API), validated where they enter. */
import { z } from 'zod';
import { decodeCursor } from '../grader/attempts-cursor';
import { CSV_FORMATS } from '../progress/results-csv';

export const resultsCsvQuery = z.object({
  format: z.enum(CSV_FORMATS, { error: 'format inconnu : spreadsheet (par défaut) ou canvas' }).default('spreadsheet'),
});

/** The most attempts in one page of the grader API: each carries its check's output (64 KiB at most). */
export const MAX_ATTEMPTS_PAGE = 200;

const BAD_CURSOR = 'curseur invalide : renvoyez la valeur « cursor » de la page précédente';
const BAD_LIMIT = `nombre d'essais par page invalide : de 1 à ${MAX_ATTEMPTS_PAGE}`;

/** `GET /api/grader/v1/classes/{id}/attempts`: where to start (a cursor, a time) and how many. */
export const attemptsQuery = z.object({
  after: z
    .string()
    .max(200, BAD_CURSOR)
    .transform((cursor, context) => {
      const position = decodeCursor(cursor);
      if (!position) context.addIssue({ code: 'custom', message: BAD_CURSOR });
      return position ?? z.NEVER;
    })
    .optional(),
  since: z.iso
    .datetime({ offset: true, error: 'date invalide : attendue au format ISO 8601 (2027-03-12T18:00:00Z)' })
    .transform((iso) => new Date(iso))
    .optional(),
  limit: z.coerce
    .number({ error: BAD_LIMIT })
    .int(BAD_LIMIT)
    .min(1, BAD_LIMIT)
    .max(MAX_ATTEMPTS_PAGE, BAD_LIMIT)
    .default(100),
});
