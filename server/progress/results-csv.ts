/**
 * A class's results as a CSV file, in two shapes (docs/api.md, « CSV export »):
 *
 * - `spreadsheet`: `;` between fields, French headers (name, e-mail, one column per graded
 *   assignment, total). What a spreadsheet set to French opens correctly with a double click
 *   (with `,` it would put everything in one column, `,` being the French decimal separator),
 *   and what Moodle's grade import reads once « ; » is chosen as its separator.
 * - `canvas`: `,` between fields and the header Canvas's gradebook import requires (its own
 *   export's: `Student`, `ID`, `SIS Login ID`, `Section`, then the assignments, and a
 *   `Points Possible` row). Canvas refuses a file without that header, whatever its separator.
 *
 * Both are UTF-8 with a byte-order mark (spreadsheets otherwise misread the accents; Moodle and
 * Canvas skip it) and CRLF line ends (RFC 4180).
 */
import type { ClassResultsView, ResultColumn } from './class-results';

export const CSV_FORMATS = ['spreadsheet', 'canvas'] as const;
export type CsvFormat = (typeof CSV_FORMATS)[number];

const BOM = '\uFEFF';

const kindLabel = (column: ResultColumn) => (column.kind === 'lab' ? 'lab' : 'quiz');

/** The rows of each format, before they become text. */
const SHAPES: Record<CsvFormat, { separator: string; rows: (results: ClassResultsView) => string[][] }> = {
  spreadsheet: {
    separator: ';',
    rows: (results) => [
      [
        'Nom',
        'E-mail',
        ...results.columns.map((column) => `${column.title} (${kindLabel(column)}${column.maxScore === null ? '' : ` /${column.maxScore}`})`),
        `Total /${results.maxTotal}`,
      ],
      ...results.students.map((student) => [student.name, student.email, ...student.cells.map((cell) => String(cell.score)), String(student.total)]),
    ],
  },
  canvas: {
    separator: ',',
    // Canvas matches a row on its own user id (ID, unknown here), then on the login
    // (SIS Login ID: the e-mail, which is the login on many instances), then on the name.
    // No total: Canvas computes its own, and an unknown column would become an assignment.
    // The maximum is in the Points Possible row, so that a column keeps its title (and so
    // its Canvas assignment) from one import to the next.
    rows: (results) => [
      ['Student', 'ID', 'SIS Login ID', 'Section', ...results.columns.map((column) => `${column.title} (${kindLabel(column)})`)],
      ['Points Possible', '', '', '', ...results.columns.map((column) => (column.maxScore === null ? '' : String(column.maxScore)))],
      ...results.students.map((student) => [student.name, '', student.email, '', ...student.cells.map((cell) => String(cell.score))]),
    ],
  },
};

export function resultsCsv(results: ClassResultsView, format: CsvFormat = 'spreadsheet'): string {
  const { separator, rows } = SHAPES[format];
  return BOM + rows(results).map((row) => row.map(csvField).join(separator)).join('\r\n') + '\r\n';
}

/** A file name a download keeps: the class's name without what file systems refuse. */
export function resultsFileName(className: string, date: Date, format: CsvFormat = 'spreadsheet'): string {
  const safe = className.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'classe';
  return `resultats-${safe}-${date.toISOString().slice(0, 10)}${format === 'canvas' ? '-canvas' : ''}.csv`;
}

function csvField(value: string): string {
  // A student's name starting with = + - @ would run as a formula in the instructor's
  // spreadsheet (CSV injection): a leading apostrophe makes it text.
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  // Quoted when it holds either separator (not only this file's: Canvas guesses which one a
  // file uses from its first lines), a quote or a line break.
  return /[";\r\n,]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
