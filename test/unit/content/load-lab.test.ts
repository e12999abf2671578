import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentError, ContentNotFoundError, InvalidSlugError } from '@/server/content/content-errors';
import { loadLab } from '@/server/content/lab';
import { loadLesson } from '@/server/content/lesson';
import { writeContentFixture } from './write-fixture';

const validIndex = {
  title: 'Essai',
  description: 'Un lab de test',
  details: {
    intro: { text: 'intro.md' },
    steps: [
      { title: 'Première', text: 'step1/text.md', verify: 'step1/verify.sh' },
      { title: 'Seconde', text: 'step2/text.md' },
    ],
    finish: { text: 'finish.md' },
  },
  backend: { imageid: 'ubuntu' },
  dockyard: { image: 'dockyard/sandbox:test', nodes: ['node1', 'node2'] },
};

const labFiles = (index: unknown): Record<string, string> => ({
  'labs/essai/index.json': JSON.stringify(index),
  'labs/essai/intro.md': '# Bienvenue',
  'labs/essai/step1/text.md': '```bash\nls\n```{{exec}}',
  'labs/essai/step1/verify.sh': '#!/usr/bin/env bash\ntrue\n',
  'labs/essai/step2/text.md': 'Texte',
  'labs/essai/finish.md': 'Bravo',
});

async function loadError(loading: Promise<unknown>): Promise<ContentError> {
  const error = await loading.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ContentError);
  return error as ContentError;
}

describe('loadLab', () => {
  it('reads steps, verify scripts and the Dockyard extension from a content root given as a parameter', async () => {
    const contentRoot = await writeContentFixture(labFiles(validIndex));
    const lab = await loadLab('essai', { contentRoot });
    expect(lab).toMatchObject({ slug: 'essai', title: 'Essai', image: 'dockyard/sandbox:test', nodes: ['node1', 'node2'] });
    expect(lab.steps.map(({ index, title, verifyScript }) => ({ index, title, verifyScript }))).toEqual([
      { index: 0, title: 'Première', verifyScript: '#!/usr/bin/env bash\ntrue\n' },
      { index: 1, title: 'Seconde', verifyScript: null },
    ]);
    expect(lab.steps[0]?.html).toContain('data-exec="ls"');
  });

  it('names index.json, and the field with its line, when the index is invalid', async () => {
    const { title: _title, ...withoutTitle } = validIndex;
    const contentRoot = await writeContentFixture(labFiles({ ...withoutTitle, dockyard: { nodes: ['Node 1'] } }));
    const error = await loadError(loadLab('essai', { contentRoot }));
    expect(error.file).toBe(path.join(contentRoot, 'labs', 'essai', 'index.json'));
    expect(error.message).toContain(path.join('labs', 'essai', 'index.json'));
    expect(error.validations.map((v) => v.path)).toEqual(expect.arrayContaining(['title', 'dockyard.nodes.0']));
    // Written on one line: what start-up and lab:test print names it too.
    expect(error.message).toMatch(/- dockyard\.nodes\.0 \(ligne 1\) : nom de nœud attendu/);
  });

  it('names index.json and the line when it is not JSON', async () => {
    const contentRoot = await writeContentFixture({ ...labFiles(validIndex), 'labs/essai/index.json': '{\n  "title": "Essai",\n}' });
    const error = await loadError(loadLab('essai', { contentRoot }));
    expect(error.message).toMatch(/JSON invalide.*index\.json, ligne 3, colonne 1 : .*virgule en trop/);
    expect(error.position).toEqual({ line: 3, column: 1 });
  });

  it('reads the Dockyard extension: hints, solutions, points, the checking node and the time limit', async () => {
    const index = {
      ...validIndex,
      dockyard: {
        nodes: ['node1', 'node2'],
        timeLimitMinutes: 45,
        steps: [
          { hints: ['step1/indice1.md', 'step1/indice2.md'], solution: 'step1/solution.sh', points: 3 },
          { node: 'node2', solution: [{ script: 'step2/jeton.sh' }, { script: 'step2/rejoindre.sh', nodes: ['node1', 'node2'] }] },
        ],
      },
    };
    const contentRoot = await writeContentFixture({
      ...labFiles(index),
      'labs/essai/step1/indice1.md': 'Regardez `docker ps -a`.',
      'labs/essai/step1/indice2.md': 'Essayez **-a**.',
      'labs/essai/step1/solution.sh': '#!/usr/bin/env bash\ndocker run hello-world\n',
      'labs/essai/step2/jeton.sh': 'echo jeton',
      'labs/essai/step2/rejoindre.sh': 'echo "$DOCKYARD_PREVIOUS_OUTPUT"',
    });
    const lab = await loadLab('essai', { contentRoot });
    expect(lab.timeLimitMinutes).toBe(45);
    const [first, second] = lab.steps;
    expect(first).toMatchObject({ node: 'node1', points: 3 });
    expect(first?.hints).toEqual([expect.stringContaining('<code>docker ps -a</code>'), expect.stringContaining('<strong>-a</strong>')]);
    expect(first?.solution).toEqual([
      // Shown without its shebang, run with it.
      { nodes: ['node1'], script: '#!/usr/bin/env bash\ndocker run hello-world\n', html: expect.stringContaining('data-copy="docker run hello-world"') },
    ]);
    expect(second).toMatchObject({ node: 'node2', points: 1, hints: [] });
    expect(second?.solution?.map((part) => [part.nodes, part.script])).toEqual([
      [['node2'], 'echo jeton'],
      [['node1', 'node2'], 'echo "$DOCKYARD_PREVIOUS_OUTPUT"'],
    ]);
  });

  it('names the missing hint file', async () => {
    const index = { ...validIndex, dockyard: { steps: [{ hints: ['step1/absent.md'] }, {}] } };
    const error = await loadError(loadLab('essai', { contentRoot: await writeContentFixture(labFiles(index)) }));
    expect(error.message).toContain(path.join('step1', 'absent.md'));
  });

  it('names the missing verify script', async () => {
    const { 'labs/essai/step1/verify.sh': _verify, ...files } = labFiles(validIndex);
    const contentRoot = await writeContentFixture(files);
    const error = await loadError(loadLab('essai', { contentRoot }));
    expect(error).not.toBeInstanceOf(ContentNotFoundError);
    expect(error.message).toContain(path.join('step1', 'verify.sh'));
  });

  it('loads without an asset whose file is missing, and says which one and what to do', async () => {
    const index = {
      ...validIndex,
      details: {
        ...validIndex.details,
        assets: { host01: [{ file: 'absent.sh', target: '/usr/local/bin' }, { file: 'outil.sh', target: '~', chmod: '+x' }] },
      },
    };
    const contentRoot = await writeContentFixture({ ...labFiles(index), 'labs/essai/assets/outil.sh': 'echo outil' });
    const lab = await loadLab('essai', { contentRoot });
    expect(lab.assets).toEqual([
      { node: 'node1', source: path.join(contentRoot, 'labs', 'essai', 'assets', 'outil.sh'), target: '~', chmod: '+x' },
    ]);
    expect(lab.warnings).toEqual([
      {
        field: 'details.assets.host01.0.file',
        message: expect.stringMatching(/^fichier introuvable, labs\/essai\/assets\/absent\.sh : il ne sera pas copié .*ajoutez-le au dossier assets\//),
      },
    ]);
  });

  it('names a folder given where a page is expected, as a missing file', async () => {
    const index = { ...validIndex, details: { ...validIndex.details, finish: { text: 'step1' } } };
    const error = await loadError(loadLab('essai', { contentRoot: await writeContentFixture(labFiles(index)) }));
    expect(error.message).toMatch(/^Fichier introuvable : .*essai\/step1$/);
  });

  it('refuses step files outside the content folder', async () => {
    const index = { ...validIndex, details: { ...validIndex.details, steps: [{ title: 'x', text: '../../../etc/passwd' }] } };
    const contentRoot = await writeContentFixture(labFiles(index));
    const error = await loadError(loadLab('essai', { contentRoot }));
    expect(error.message).toMatch(/hors du dossier de contenu.*index\.json/);
  });

  it('reports a lab that does not exist as not found', async () => {
    const contentRoot = await writeContentFixture({});
    await expect(loadLab('absent', { contentRoot })).rejects.toBeInstanceOf(ContentNotFoundError);
  });
});

describe('slugs', () => {
  it.each(['../etc', '..', 'Premiers-Pas', 'a/b', 'a.b.md', ''])('rejects « %s » before touching the disk', async (slug) => {
    await expect(loadLab(slug)).rejects.toBeInstanceOf(InvalidSlugError);
    await expect(loadLesson(slug)).rejects.toBeInstanceOf(InvalidSlugError);
  });

  it('finds nothing under a pack that is not served (« a.md » is lab md of a pack a)', async () => {
    await expect(loadLab('a.md')).rejects.toThrow('Aucun paquet de contenu « a » n\'est servi');
  });
});
