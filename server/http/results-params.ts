/** Query strings of the results routes (CSV export), validated where they enter. */
import { z } from 'zod';
import { CSV_FORMATS } from '../progress/results-csv';

export const resultsCsvQuery = z.object({
  format: z.enum(CSV_FORMATS, { error: 'format inconnu : spreadsheet (par défaut) ou canvas' }).default('spreadsheet'),
});

