// What the lab page shows, by lab and by viewer: students never read authoring problems,
// instructors and admins do; the viewer is looked up only when there is something to hide.
import { describe, expect, it, vi } from 'vitest';
import { labPageContent } from '@/app/labs/[slug]/_lib/lab-page-content';
import type { Role } from '@/server/auth/roles';
import { tryLoadLab } from '@/server/content/lab-availability';
import { writeContentFixture } from './write-fixture';

const index = (details: object = {}) =>
  JSON.stringify({ title: 'Essai', description: 'D', details: { steps: [{ title: 'Un', text: 'step1/text.md' }], ...details } });

async function availabilityOf(files: Record<string, string>) {
  return tryLoadLab('essai', { contentRoot: await writeContentFixture({ 'labs/essai/step1/text.md': 'Texte', ...files }) });
}

const clean = () => availabilityOf({ 'labs/essai/index.json': index() });
const withMissingAsset = () => availabilityOf({ 'labs/essai/index.json': index({ assets: { host01: [{ file: 'absent.sh', target: '~' }] } }) });
const broken = () => availabilityOf({ 'labs/essai/index.json': '{ "title": ' });

const viewer = (role: Role | null) => vi.fn(async () => role);

describe('labPageContent', () => {
  it('shows a lab without warnings to anyone, without looking up who is viewing', async () => {
    const role = viewer('student');
    expect(await labPageContent(await clean(), role)).toMatchObject({ kind: 'workspace', lab: { title: 'Essai' }, warnings: [] });
    expect(role).not.toHaveBeenCalled();
  });

  it.each(['instructor', 'admin'] as const)('shows the warnings of a lab that loads to an %s', async (role) => {
    const content = await labPageContent(await withMissingAsset(), viewer(role));
    expect(content).toMatchObject({ kind: 'workspace', warnings: [{ field: 'details.assets.host01.0.file' }] });
  });

  it.each([['student'], [null]] as const)('hides them from a %s viewer, who gets the lab', async (role) => {
    expect(await labPageContent(await withMissingAsset(), viewer(role))).toMatchObject({ kind: 'workspace', warnings: [] });
  });

  it('tells an instructor why a lab is unavailable', async () => {
    const content = await labPageContent(await broken(), viewer('instructor'));
    expect(content).toEqual({ kind: 'unavailable', reason: expect.stringMatching(/^JSON invalide dans .*essai\/index\.json/) });
  });

  it.each([['student'], [null]] as const)('tells a %s viewer only that it is unavailable', async (role) => {
    expect(await labPageContent(await broken(), viewer(role))).toEqual({ kind: 'unavailable', reason: null });
  });
});
