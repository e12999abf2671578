/**
 * A class's results as a CSV file for spreadsheets and LMS gradebooks: one row per student
 * (name, e-mail — what gradebooks match students on), a column per graded assignment, then
 * the total. UTF-8 with a byte-order mark and `;` between fields: that is what a spreadsheet
 * set to French opens correctly with a double click (with `,` it would put everything in one
 * column, since `,` is the French decimal separator); Moodle's and Canvas' imports let you
 * choose `;`. Documented in docs/api.md.
 */
import type { ClassResultsView } from './class-results';

export const CSV_SEPARATOR = ';';
const BOM = '\uFEFF';

export function resultsCsv(results: ClassResultsView): string {
  const header = [
    'Nom',
    'E-mail',
    ...results.columns.map((column) => `${column.title} (${column.kind === 'lab' ? 'lab' : 'quiz'}${column.maxScore === null ? '' : ` /${column.maxScore}`})`),
    `Total /${results.maxTotal}`,
  ];
  const rows = results.students.map((student) => [student.name, student.email, ...student.cells.map((cell) => String(cell.score)), String(student.total)]);
  // CRLF: RFC 4180, and what spreadsheet imports expect.
  return BOM + [header, ...rows].map((row) => row.map(csvField).join(CSV_SEPARATOR)).join('\r\n') + '\r\n';
}

/** A file name a download keeps: the class's name without what file systems refuse. */
export function resultsFileName(className: string, date: Date): string {
  const safe = className.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'classe';
  return `resultats-${safe}-${date.toISOString().slice(0, 10)}.csv`;
}

function csvField(value: string): string {
  // A student's name starting with = + - @ would run as a formula in the instructor's
  // spreadsheet (CSV injection): a leading apostrophe makes it text.
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\r\n,]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
