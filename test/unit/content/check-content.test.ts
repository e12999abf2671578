import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContent } from '@/server/content/check-content';
import { formatContentReport } from '@/server/content/format-issues';
import { writeContentFixture } from './write-fixture';

const course = (chapters: object[]) => JSON.stringify({ title: 'C', description: 'D', chapters }, null, 2);
const lab = (index: object) => JSON.stringify({ title: 'L', description: 'D', ...index }, null, 2);

/** Issues as `file:line message`, relative to the content root, for readable expectations. */
async function issuesOf(contentRoot: string) {
  const { issues } = await checkContent({ contentRoot });
  return issues.all.map((issue) => ({
    severity: issue.severity,
    where: `${path.relative(contentRoot, issue.file)}${issue.line ? `:${issue.line}` : ''}${issue.column ? `:${issue.column}` : ''}`,
    message: issue.message,
  }));
}

describe('checkContent', () => {
  it('lists every problem at once, each with its file and, where it has one, its line', async () => {
    const contentRoot = await writeContentFixture({
      'course.json': course([
        { slug: 'a', title: 'A', summary: 'S', lesson: 'absente' },
        { slug: 'b', title: 'B', summary: 'S', lab: 'essai' },
      ]),
      'lessons/lecon.md': '---\ntitle: T\nsummary: S\n---\n\nVoir [le lab](/labs/essai) et [rien](/lecons/rien).\n',
      'labs/essai/index.json': lab({ details: { steps: [{ title: 'Un', text: 'step1/text.md', verify: 'step1/verify.sh' }] } }),
      'labs/essai/step1/text.md': 'Texte\n\n![schéma](schema.png)\n',
      'labs/casse/index.json': '{\n  "title": "x",\n  "description": "y"\n  "details": {}\n}\n',
      'quizzes/orphelin.json': '{ "title": "Q", "questions": [] }',
      'quizzes/lecon.json': '{\n  "title": "Q",\n  "questions": [],\n}\n',
    });
    expect(await issuesOf(contentRoot)).toEqual(
      expect.arrayContaining([
        { severity: 'error', where: 'course.json:9:7', message: expect.stringMatching(/leçon « absente » introuvable/) },
        { severity: 'error', where: 'lessons/lecon.md:6:31', message: expect.stringMatching(/aucune leçon lessons\/rien\.md/) },
        { severity: 'error', where: 'labs/essai/index.json:9:9', message: expect.stringMatching(/details\.steps\.0\.verify : fichier introuvable/) },
        { severity: 'error', where: 'labs/essai/step1/text.md:3:1', message: expect.stringMatching(/seules les images SVG/) },
        { severity: 'error', where: 'labs/casse/index.json:4:3', message: expect.stringMatching(/virgule manquante/) },
        { severity: 'error', where: 'quizzes/orphelin.json', message: expect.stringMatching(/aucune leçon lessons\/orphelin\.md/) },
        { severity: 'error', where: 'quizzes/lecon.json:4:1', message: expect.stringMatching(/virgule en trop/) },
      ]),
    );
  });

  it('reports each schema problem at the line of its field, in French', async () => {
    const contentRoot = await writeContentFixture({
      'course.json': course([{ slug: 'b', title: 'B', summary: 'S', lab: 'essai' }]),
      'labs/essai/index.json': [
        '{',
        '  "description": "Sans titre",',
        '  "details": { "steps": [{ "title": "Un", "text": "step1/text.md" }] },',
        '  "dockyard": {',
        '    "nodes": ["node1"],',
        '    "timeLimitMinutes": "20",',
        '    "imag": "dockyard/node:latest"',
        '  }',
        '}',
      ].join('\n'),
      'labs/essai/step1/text.md': 'Texte',
      // What is checked once the fields have their types: the steps against the nodes.
      'labs/noeuds/index.json': [
        '{',
        '  "title": "L", "description": "D",',
        '  "details": { "steps": [{ "title": "Un", "text": "step1/text.md" }] },',
        '  "dockyard": {',
        '    "nodes": ["node1"],',
        '    "steps": [',
        '      { "solution": [{ "script": "s.sh", "nodes": ["node9"] }] },',
        '      { "hints": [] }',
        '    ]',
        '  }',
        '}',
      ].join('\n'),
      'labs/noeuds/step1/text.md': 'Texte',
      'labs/noeuds/s.sh': 'true',
    });
    expect(await issuesOf(contentRoot)).toEqual([
      // A missing field is placed at the object that should hold it: here the whole file.
      { severity: 'error', where: 'labs/essai/index.json:1:1', message: 'title : Entrée invalide : chaîne de caractères attendu, indéfini reçu' },
      { severity: 'error', where: 'labs/essai/index.json:6:5', message: 'dockyard.timeLimitMinutes : Entrée invalide : nombre attendu, chaîne de caractères reçu' },
      { severity: 'error', where: 'labs/essai/index.json:7:5', message: 'dockyard.imag : champ inconnu (faute de frappe ?)' },
      { severity: 'error', where: 'labs/noeuds/index.json:6:5', message: expect.stringMatching(/^dockyard\.steps : 2 entrée\(s\) pour 1 étape\(s\)/) },
      {
        severity: 'error',
        where: 'labs/noeuds/index.json:7:52',
        message: expect.stringMatching(/^dockyard\.steps\.0\.solution\.0\.nodes\.0 : nœud « node9 » absent de dockyard\.nodes/),
      },
    ]);
  });

  it('reports schema problems of course.json, a lesson’s front matter and a quiz at their line', async () => {
    const contentRoot = await writeContentFixture({
      'course.json': '{\n  "title": "C",\n  "description": "D",\n  "chapters": [\n    { "slug": "Majuscule", "title": "T", "summary": "S" }\n  ]\n}\n',
      'lessons/lecon.md': '---\ntitle: T\n\nsummary: S\nduree: 10\n---\n\nTexte.\n',
      'lessons/sans-titre.md': '---\nsummary: S\n---\n\nTexte.\n',
      'quizzes/lecon.json': '{\n  "title": "Q",\n  "questions": {}\n}\n',
    });
    expect(await issuesOf(contentRoot)).toEqual(
      expect.arrayContaining([
        { severity: 'error', where: 'course.json:5:7', message: expect.stringMatching(/^chapters\.0\.slug : identifiant attendu/) },
        { severity: 'error', where: 'lessons/lecon.md:5', message: 'duree : champ inconnu (faute de frappe ?)' },
        { severity: 'error', where: 'lessons/sans-titre.md:1', message: expect.stringMatching(/^title : /) },
        { severity: 'error', where: 'quizzes/lecon.json:3:3', message: expect.stringMatching(/^questions : Entrée invalide : tableau attendu/) },
      ]),
    );
  });

  it('names the line of an unreadable front matter line', async () => {
    const contentRoot = await writeContentFixture({
      'course.json': course([{ slug: 'a', title: 'A', summary: 'S', lesson: 'lecon' }]),
      'lessons/lecon.md': '---\ntitle: T\nsummary: S\n- pas une clé\n---\n\nTexte.\n',
    });
    expect(await issuesOf(contentRoot)).toEqual([
      { severity: 'error', where: 'lessons/lecon.md:4', message: expect.stringMatching(/Ligne 4 de l'en-tête .* illisible/) },
    ]);
  });

  it('prints file:line:column, then a summary that says whether the content passes', async () => {
    const contentRoot = await writeContentFixture({
      'course.json': course([{ slug: 'b', title: 'B', summary: 'S', lab: 'essai' }]),
      'labs/essai/index.json': '{ "title": "x", }',
    });
    const text = formatContentReport(await checkContent({ contentRoot }), 250);
    expect(text).toContain(`✗ ${path.join(contentRoot, 'labs/essai/index.json')}:1:17\n    JSON invalide`);
    expect(text).toMatch(/content:check — 0 leçon, 0 quiz, 1 lab : ✗ 1 erreur à corriger, 0 avertissement \(0,3 s\)$/);
  });

  it('warns about a missing asset, at its line, without failing: the lab loads without it', async () => {
    const contentRoot = await writeContentFixture({
      'course.json': course([{ slug: 'b', title: 'B', summary: 'S', lab: 'essai' }]),
      'labs/essai/index.json': lab({
        details: { steps: [{ title: 'Un', text: 'step1/text.md' }], assets: { host01: [{ file: 'absent.sh', target: '~' }] } },
      }),
      'labs/essai/step1/text.md': 'Texte',
    });
    const report = await checkContent({ contentRoot });
    expect(report.issues.errorCount).toBe(0);
    expect(await issuesOf(contentRoot)).toEqual([
      {
        severity: 'warning',
        where: 'labs/essai/index.json:14:11',
        message: expect.stringMatching(/^details\.assets\.host01\.0\.file : fichier introuvable, labs\/essai\/assets\/absent\.sh : il ne sera pas copié/),
      },
    ]);
    expect(formatContentReport(report, 250)).toMatch(/1 lab : ✓ .*1 avertissement/);
  });

  it('passes valid content', async () => {
    const contentRoot = await writeContentFixture({
      'course.json': course([{ slug: 'b', title: 'B', summary: 'S', lesson: 'lecon', lab: 'essai' }]),
      'lessons/lecon.md': '---\ntitle: T\nsummary: S\nlab: essai\n---\n\n[Le lab](/labs/essai), [Docker](https://docs.docker.com).\n',
      'labs/essai/index.json': lab({ details: { steps: [{ title: 'Un', text: 'step1/text.md' }] } }),
      'labs/essai/step1/text.md': '[Retour à la leçon](/lecons/lecon#partie)',
    });
    const report = await checkContent({ contentRoot });
    expect(report).toMatchObject({ lessons: 1, quizzes: 0, labs: 1 });
    expect(report.issues.all).toEqual([]);
  });
});
