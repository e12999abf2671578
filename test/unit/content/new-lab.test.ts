/**
 * `./dockyard lab new`: the lab it writes is valid as written (content:check finds nothing,
 * not even a warning), and it refuses, writing nothing, a bad slug, a folder that exists and
 * a folder that is not a content folder. (test/integration/lab-test/lab-new.test.ts proves the
 * lab solvable in real machines.)
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContent } from '@/server/content/check-content';
import { InvalidSlugError } from '@/server/content/content-errors';
import { loadLab } from '@/server/content/lab';
import { DEFAULT_SANDBOX_IMAGE } from '@/server/content/lab-index';
import { LabExistsError, NotAContentFolderError, titleFromSlug, writeNewLab } from '@/server/content/scaffold/new-lab';
import { writeContentFixture } from './write-fixture';

const course = (lab: string) =>
  JSON.stringify({ title: 'Cours', description: 'D', chapters: [{ slug: 'chapitre', title: 'Chapitre', summary: 'S', lab }] });

/** Every file under `dir`, relative to it, sorted. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe('writeNewLab', () => {
  it('writes a lab that content:check finds valid, without a single warning, and that loads with its solution and hint', async () => {
    const contentRoot = await writeContentFixture({ 'course.json': course('mon-lab') });
    const written = await writeNewLab({ contentRoot, slug: 'mon-lab' });

    expect(written.labDir).toBe(path.join(contentRoot, 'labs', 'mon-lab'));
    expect(await filesUnder(written.labDir)).toEqual([...written.files].sort());
    expect(written.files).toEqual(
      expect.arrayContaining(['index.json', 'intro.md', 'step1/text.md', 'step1/verify.sh', 'step1/solution.sh', 'finish.md']),
    );
    const { issues, labs } = await checkContent({ contentRoot });
    expect(labs).toBe(1);
    expect(issues.all).toEqual([]);

    const lab = await loadLab('mon-lab', { contentRoot });
    expect(lab.title).toBe('Mon lab');
    expect(lab.image).toBe(DEFAULT_SANDBOX_IMAGE);
    expect(lab.nodes).toEqual(['node1']);
    expect(lab.steps).toHaveLength(1);
    const [step] = lab.steps;
    expect(step?.verifyScript).toMatch(/docker volume inspect mes-donnees/);
    expect(step?.solution).toEqual([expect.objectContaining({ script: expect.stringMatching(/docker volume create mes-donnees/) })]);
    expect(step?.hints).toHaveLength(1);
    // The text's command is typed into the terminal by a click, as in the course's labs.
    expect(await readFile(path.join(written.labDir, 'step1/text.md'), 'utf8')).toMatch(/```bash\ndocker volume create mes-donnees\n```\{\{exec\}\}/);
    // Executable like the course's own scripts, so an author can also run them by hand.
    expect((await stat(path.join(written.labDir, 'step1/verify.sh'))).mode & 0o111).not.toBe(0);
  });

  it('takes the title given, escaped in index.json', async () => {
    const contentRoot = await writeContentFixture({ 'course.json': course('guillemets') });
    await writeNewLab({ contentRoot, slug: 'guillemets', title: '  Les « volumes » et le "cache"  ' });
    expect((await loadLab('guillemets', { contentRoot })).title).toBe('Les « volumes » et le "cache"');
    expect((await checkContent({ contentRoot })).issues.all).toEqual([]);
  });

  it('makes a title from the slug', () => {
    expect(titleFromSlug('mon-premier-lab')).toBe('Mon premier lab');
    expect(titleFromSlug('lab-2')).toBe('Lab 2');
  });

  it.each(['Mon-Lab', 'mon_lab', '../dehors', 'a/b', '', 'x'.repeat(65)])('refuses the slug %j and writes nothing', async (slug) => {
    const contentRoot = await writeContentFixture({ 'course.json': course('autre') });
    await expect(writeNewLab({ contentRoot, slug })).rejects.toBeInstanceOf(InvalidSlugError);
    expect(await filesUnder(contentRoot)).toEqual(['course.json']);
  });

  it("refuses a folder that exists and leaves the author's files as they were", async () => {
    const contentRoot = await writeContentFixture({
      'course.json': course('existant'),
      'labs/existant/index.json': '{ "le travail": "de quelqu’un" }\n',
      'labs/existant/step1/text.md': 'Mon texte\n',
    });
    const error = await writeNewLab({ contentRoot, slug: 'existant' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LabExistsError);
    expect((error as Error).message).toMatch(/existe déjà : rien n'a été écrit/);
    expect(await filesUnder(contentRoot)).toEqual(['course.json', 'labs/existant/index.json', 'labs/existant/step1/text.md']);
    expect(await readFile(path.join(contentRoot, 'labs/existant/index.json'), 'utf8')).toBe('{ "le travail": "de quelqu’un" }\n');
    expect(await readFile(path.join(contentRoot, 'labs/existant/step1/text.md'), 'utf8')).toBe('Mon texte\n');
  });

  it('refuses a folder without course.json, saying which folder to give, and writes nothing', async () => {
    const notContent = await writeContentFixture({ 'README.md': 'pas un cours\n' });
    const error = await writeNewLab({ contentRoot: notContent, slug: 'mon-lab' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotAContentFolderError);
    expect((error as Error).message).toMatch(/n'a pas de course\.json.*content\/ par défaut/);
    expect(await filesUnder(notContent)).toEqual(['README.md']);
  });
});
