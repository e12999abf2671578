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
        { severity: 'error', where: 'course.json:9', message: expect.stringMatching(/leçon « absente » introuvable/) },
        { severity: 'error', where: 'lessons/lecon.md:6:31', message: expect.stringMatching(/aucune leçon lessons\/rien\.md/) },
        { severity: 'error', where: 'labs/essai/index.json:9', message: expect.stringMatching(/details\.steps\.0\.verify : fichier introuvable/) },
        { severity: 'error', where: 'labs/essai/step1/text.md:3:1', message: expect.stringMatching(/seules les images SVG/) },
        { severity: 'error', where: 'labs/casse/index.json:4:3', message: expect.stringMatching(/virgule manquante/) },
        { severity: 'error', where: 'quizzes/orphelin.json', message: expect.stringMatching(/aucune leçon lessons\/orphelin\.md/) },
        { severity: 'error', where: 'quizzes/lecon.json:4:1', message: expect.stringMatching(/virgule en trop/) },
      ]),
    );
  });

  it('reports a schema problem of index.json by field, in French', async () => {
    const contentRoot = await writeContentFixture({
      'course.json': course([{ slug: 'b', title: 'B', summary: 'S', lab: 'essai' }]),
      'labs/essai/index.json': lab({
        details: { steps: [{ title: 'Un', text: 'step1/text.md' }] },
        dockyard: { nodes: ['node1'], steps: [{ solution: [{ script: 's.sh', nodes: ['node9'] }] }, { hints: [] }] },
      }),
      'labs/essai/step1/text.md': 'Texte',
      'labs/essai/s.sh': 'true',
    });
    const messages = (await issuesOf(contentRoot)).map((issue) => issue.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^dockyard\.steps : 2 entrée\(s\) pour 1 étape\(s\)/),
        expect.stringMatching(/^dockyard\.steps\.0\.solution\.0\.nodes\.0 : nœud « node9 » absent de dockyard\.nodes/),
      ]),
    );
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
