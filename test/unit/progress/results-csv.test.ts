import { describe, expect, it } from 'vitest';
import type { ClassResultsView } from '@/server/progress/class-results';
import { resultsCsv, resultsFileName } from '@/server/progress/results-csv';

const cell = (score: number) => ({ score, status: 'done' as const, solutionsRevealed: 0 });

const RESULTS: ClassResultsView = {
  classId: 'c',
  className: 'Terminale B',
  columns: [
    { assignmentId: 'a1', kind: 'lab', slug: 'premiers-pas', title: 'Premiers pas', dueAt: null, maxScore: 4 },
    { assignmentId: 'a2', kind: 'quiz', slug: 'conteneurs', title: 'Les conteneurs', dueAt: null, maxScore: 5 },
  ],
  students: [
    { userId: 'u1', name: 'Zoé Martin', email: 'zoe@example.org', cells: [cell(3), cell(5)], total: 8 },
    { userId: 'u2', name: '=HYPERLINK("http://x";"y")', email: 'mal@example.org', cells: [cell(0), cell(1)], total: 1 },
  ],
  maxTotal: 9,
  generatedAt: '2026-11-22T10:00:00.000Z',
};

describe('resultsCsv', () => {
  const csv = resultsCsv(RESULTS);
  const lines = csv.slice(1).split('\r\n');

  it('starts with a byte-order mark so that spreadsheets read the accents as UTF-8', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
  });

  it('has a header naming each assignment with its maximum, then one row per student with a total', () => {
    expect(lines[0]).toBe('Nom;E-mail;Premiers pas (lab /4);Les conteneurs (quiz /5);Total /9');
    expect(lines[1]).toBe('Zoé Martin;zoe@example.org;3;5;8');
  });

  it('turns a name that looks like a formula into text, quoted', () => {
    expect(lines[2]).toBe(`"'=HYPERLINK(""http://x"";""y"")";mal@example.org;0;1;1`);
  });
});

describe('resultsFileName', () => {
  it('keeps letters and digits of the class name, and the date', () => {
    expect(resultsFileName('Terminale B / été', new Date('2026-11-22T10:00:00Z'))).toBe('resultats-Terminale-B-ete-2026-11-22.csv');
  });
});
