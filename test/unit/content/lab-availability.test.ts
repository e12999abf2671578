// A lab that exists but cannot load is « unavailable » with a reason that names the file to
// fix; it neither throws into the page nor stops the server's start (validateContent).
import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ContentNotFoundError } from '@/server/content/content-errors';
import { tryLoadLab } from '@/server/content/lab-availability';
import { validateContent } from '@/server/content/validate-content';
import { writeContentFixture } from './write-fixture';

const index = (fields: object = {}) =>
  JSON.stringify({ title: 'Essai', description: 'D', details: { steps: [{ title: 'Un', text: 'step1/text.md' }] }, ...fields });

const course = JSON.stringify({
  title: 'C',
  description: 'D',
  chapters: [
    { slug: 'a', title: 'A', summary: 'S', lab: 'sain' },
    { slug: 'b', title: 'B', summary: 'S', lab: 'casse' },
  ],
});

describe('tryLoadLab', () => {
  it('gives the lab when it loads', async () => {
    const contentRoot = await writeContentFixture({ 'labs/essai/index.json': index(), 'labs/essai/step1/text.md': 'Texte' });
    const availability = await tryLoadLab('essai', { contentRoot });
    expect(availability).toMatchObject({ status: 'loaded', lab: { slug: 'essai', title: 'Essai' } });
  });

  it('says « unavailable », with the file and the line, when index.json is not JSON', async () => {
    const contentRoot = await writeContentFixture({ 'labs/essai/index.json': '{\n  "title": "Essai",\n}' });
    const availability = await tryLoadLab('essai', { contentRoot });
    expect(availability).toEqual({
      status: 'unavailable',
      slug: 'essai',
      reason: expect.stringMatching(/^JSON invalide dans .*labs\/essai\/index\.json, ligne 3, colonne 1 : /),
    });
  });

  it('says « unavailable », naming each missing field, when index.json lacks required fields', async () => {
    const contentRoot = await writeContentFixture({ 'labs/essai/index.json': JSON.stringify({ description: 'Sans titre ni étapes' }) });
    const availability = await tryLoadLab('essai', { contentRoot });
    expect(availability.status).toBe('unavailable');
    const reason = availability.status === 'unavailable' ? availability.reason : '';
    expect(reason).toContain(path.join('labs', 'essai', 'index.json'));
    expect(reason).toMatch(/- title \(ligne 1\) : /);
    expect(reason).toMatch(/- details \(ligne 1\) : /);
  });

  it('says « unavailable » when a step page is missing', async () => {
    const contentRoot = await writeContentFixture({ 'labs/essai/index.json': index() });
    const availability = await tryLoadLab('essai', { contentRoot });
    expect(availability).toMatchObject({ status: 'unavailable', reason: expect.stringMatching(/^Fichier introuvable : .*step1\/text\.md/) });
  });

  it('still reports a lab that does not exist as not found (a 404)', async () => {
    const contentRoot = await writeContentFixture({});
    await expect(tryLoadLab('absent', { contentRoot })).rejects.toBeInstanceOf(ContentNotFoundError);
  });

  it('reports what Dockyard got wrong to the operator, and a short reason to the instructor', async () => {
    // index.json a link to itself: reading it fails in a way no content error describes.
    const contentRoot = await writeContentFixture({});
    await mkdir(path.join(contentRoot, 'labs', 'essai'), { recursive: true });
    await symlink('index.json', path.join(contentRoot, 'labs', 'essai', 'index.json'));
    const reportUnexpected = vi.fn();
    const availability = await tryLoadLab('essai', { contentRoot }, reportUnexpected);
    expect(availability).toMatchObject({ status: 'unavailable', reason: expect.stringMatching(/^Erreur inattendue en lisant ce lab : .*journal du serveur/) });
    expect(reportUnexpected).toHaveBeenCalledWith('essai', expect.any(Error));
  });
});

describe('validateContent with a lab that cannot load', () => {
  it('does not stop the start: the lab is listed as unavailable, with its reason', async () => {
    const contentRoot = await writeContentFixture({
      'course.json': course,
      'labs/sain/index.json': index(),
      'labs/sain/step1/text.md': 'Texte',
      'labs/casse/index.json': '{ "title": ',
    });
    const { course: loaded, unavailableLabs } = await validateContent({ contentRoot });
    expect(loaded.chapters).toHaveLength(2);
    expect(unavailableLabs).toEqual([{ slug: 'casse', reason: expect.stringMatching(/^JSON invalide dans .*casse\/index\.json/) }]);
  });

  it('still stops it when course.json names a lab that does not exist', async () => {
    const contentRoot = await writeContentFixture({ 'course.json': course, 'labs/sain/index.json': index(), 'labs/sain/step1/text.md': 'Texte' });
    await expect(validateContent({ contentRoot })).rejects.toThrow(/casse.*course\.json/);
  });
});
