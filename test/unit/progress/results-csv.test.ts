import { describe, expect, it } from 'vitest';
import type { ClassResultsView } from '@/server/progress/class-results';
import { resultsCsv, resultsFileName } from '@/server/progress/results-csv';

const cell = (score: number) => ({ score, status: 'done' as const, solutionsRevealed: 0 });

const RESULTS: ClassResultsView = {
  classId: 'c',
  className: 'Terminale B',
  columns: [
    { assignmentId: 'a1', kind: 'lab', slug: 'premiers-pas', title: 'Premiers pas', dueAt: null, maxScore: 4 },
    { assignmentId: 'a2', kind: 'quiz', slug: 'conteneurs', title: 'Images, couches', dueAt: null, maxScore: 5 },
    { assignmentId: 'a3', kind: 'lab', slug: 'parti', title: 'parti', dueAt: null, maxScore: null },
  ],
  students: [
    { userId: 'u1', name: 'Zoé Martin', email: 'zoe@example.org', cells: [cell(3), cell(5), cell(0)], total: 8 },
    { userId: 'u2', name: '=HYPERLINK("http://x";"y")', email: 'mal@example.org', cells: [cell(0), cell(1), cell(0)], total: 1 },
    { userId: 'u3', name: 'Durand, Léa', email: '+33@example.org', cells: [cell(4), cell(2), cell(0)], total: 6 },
  ],
  maxTotal: 9,
  generatedAt: '2026-11-22T10:00:00.000Z',
};

/** The file's lines, without its byte-order mark. */
const linesOf = (csv: string) => csv.slice(1).split('\r\n');

describe.each(['spreadsheet', 'canvas'] as const)('resultsCsv, %s format', (format) => {
  const csv = resultsCsv(RESULTS, format);

  it('starts with a byte-order mark so that spreadsheets read the accents as UTF-8, and ends its lines in CRLF', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('turns a value that looks like a formula into text, and quotes a value holding a separator or a quote', () => {
    expect(csv).toContain(`"'=HYPERLINK(""http://x"";""y"")"`);
    expect(csv).toContain(`'+33@example.org`);
    expect(csv).toContain('"Durand, Léa"');
    expect(csv).toContain('"Images, couches (quiz');
  });
});

describe('the spreadsheet format (French spreadsheets, Moodle)', () => {
  const lines = linesOf(resultsCsv(RESULTS));

  it('has a header naming each assignment with its maximum, then one row per student with a total, between semicolons', () => {
    expect(lines[0]).toBe('Nom;E-mail;Premiers pas (lab /4);"Images, couches (quiz /5)";parti (lab);Total /9');
    expect(lines[1]).toBe('Zoé Martin;zoe@example.org;3;5;0;8');
    expect(lines[2]).toBe(`"'=HYPERLINK(""http://x"";""y"")";mal@example.org;0;1;0;1`);
    expect(lines[3]).toBe(`"Durand, Léa";'+33@example.org;4;2;0;6`);
  });
});

describe('the Canvas format', () => {
  const lines = linesOf(resultsCsv(RESULTS, 'canvas'));

  it('has the header Canvas’s import requires, the points possible, then one row per student (e-mail as login), between commas', () => {
    expect(lines[0]).toBe('Student,ID,SIS Login ID,Section,Premiers pas (lab),"Images, couches (quiz)",parti (lab)');
    expect(lines[1]).toBe('Points Possible,,,,4,5,');
    expect(lines[2]).toBe('Zoé Martin,,zoe@example.org,,3,5,0');
    expect(lines[3]).toBe(`"'=HYPERLINK(""http://x"";""y"")",,mal@example.org,,0,1,0`);
    expect(lines[4]).toBe(`"Durand, Léa",,'+33@example.org,,4,2,0`);
  });

  it('has no total column, which Canvas would take for a new assignment', () => {
    expect(lines[0]).not.toMatch(/Total/);
    expect(lines.slice(0, 5).map((line) => line.match(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/g)?.length)).toEqual([6, 6, 6, 6, 6]);
  });
});

describe('resultsFileName', () => {
  it('keeps letters and digits of the class name, and the date; the Canvas file says so', () => {
    expect(resultsFileName('Terminale B / été', new Date('2026-11-22T10:00:00Z'))).toBe('resultats-Terminale-B-ete-2026-11-22.csv');
    expect(resultsFileName('Terminale B', new Date('2026-11-22T10:00:00Z'), 'canvas')).toBe('resultats-Terminale-B-2026-11-22-canvas.csv');
  });
});
