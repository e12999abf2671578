/**
 * Content packs besides the built-in course: a folder served as it is, a git repository pulled,
 * checked and switched in only when valid, sessions pinned to the version they started on, and
 * namespaces that keep one pack's slugs from taking another's.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadCatalog, loadMergedCourse } from '@/server/content/packs/catalog';
import { PackManager } from '@/server/content/packs/pack-manager';
import { defaultBuiltinRoot, PackRegistry, packRegistry, publishPackRegistry } from '@/server/content/packs/pack-registry';
import { PackConfigError } from '@/server/content/packs/pack-sources';
import { loadLab } from '@/server/content/lab';
import { loadLesson } from '@/server/content/lesson';
import type { Database } from '@/server/db/database';
import { findLabSpec } from '@/server/sessions/find-lab-spec';
import { gitRemote, tempDir, writePack } from './pack-fixture';
import { openTestDatabase } from '../test-database';

let db: Database;
let before: PackRegistry;
let registry: PackRegistry;
const logged: string[] = [];

function manager(setting: string, dataDir = '/nonexistent') {
  return new PackManager({ registry, prisma: db.prisma, dataDir, setting, pullMinutes: 0, log: (line) => logged.push(line) });
}

beforeAll(async () => {
  db = await openTestDatabase();
  before = packRegistry();
});
afterAll(async () => {
  publishPackRegistry(before);
  await db.close();
});
beforeEach(() => {
  registry = new PackRegistry(defaultBuiltinRoot());
  publishPackRegistry(registry);
  logged.length = 0;
});

describe('a folder pack', () => {
  it('is served beside the built-in course, its ids, links and lesson lab in its namespace', async () => {
    const folder = await writePack(await tempDir('pack'), { labTitle: 'Premier lab du paquet', lab: 'reseaux' });
    await manager(`avance=${folder}`).start();

    const lab = await loadLab('avance.reseaux');
    expect(lab).toMatchObject({ slug: 'avance.reseaux', title: 'Premier lab du paquet', version: null });
    // The built-in course's lab of the same slug is still its own.
    expect((await loadLab('reseaux')).title).not.toBe('Premier lab du paquet');

    const lesson = await loadLesson('avance.bases');
    expect(lesson.lab).toBe('avance.reseaux');
    expect(lesson.html).toContain('href="/labs/avance.reseaux"');

    const catalog = await loadCatalog();
    expect(catalog.map((course) => course.pack)).toEqual(['dockyard', 'avance']);
    expect(catalog[1]?.chapters[0]).toMatchObject({ lesson: 'avance.bases', lab: 'avance.reseaux' });
    expect(catalog[1]?.maintainers).toEqual(['prof@exemple.fr']);
    const merged = await loadMergedCourse();
    expect(merged.chapters.at(-1)).toMatchObject({ title: 'Réseaux avancés — Bases', lab: 'avance.reseaux', number: catalog[0]!.chapters.length + 1 });
  });

  it('shows a change on disk at the next read (folders are not versioned)', async () => {
    const folder = await writePack(await tempDir('pack'), { labTitle: 'Avant' });
    await manager(`vivant=${folder}`).start();
    await writePack(folder, { labTitle: 'Après' });
    expect((await loadLab('vivant.premier')).title).toBe('Après');
  });

  it('lists its content errors with file and line, and still serves what loads', async () => {
    const folder = await writePack(await tempDir('pack'), { labTitle: 'x', broken: true });
    const packs = manager(`fautif=${folder}`);
    await packs.start();
    const [status] = packs.statuses();
    expect(status).toMatchObject({ id: 'fautif', state: 'served' });
    expect(status?.issues).toContainEqual(expect.objectContaining({ severity: 'error', file: 'labs/premier/index.json', line: 4 }));
    expect((await loadLesson('fautif.bases')).title).toBe('Les bases');
  });

  it('is unavailable, saying why, when its folder has no course.json', async () => {
    const packs = manager(`vide=${await tempDir('empty')}`);
    await packs.start();
    expect(packs.statuses()[0]).toMatchObject({ state: 'unavailable', message: expect.stringContaining('course.json') });
    await expect(loadLab('vide.premier')).rejects.toThrow('Aucun paquet de contenu « vide »');
  });
});

describe('namespaces', () => {
  it('refuses two packs of one name, naming both locations', async () => {
    const [a, b] = [await tempDir('a'), await tempDir('b')];
    const error = await manager(`cours=${a},cours=${b}`)
      .start()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PackConfigError);
    expect((error as Error).message).toContain(a);
    expect((error as Error).message).toContain(b);
  });

  it('refuses the built-in course’s name and names that cannot be a namespace', async () => {
    await expect(manager(`dockyard=${await tempDir('x')}`).start()).rejects.toThrow('cours intégré');
    await expect(manager(`Mon.Cours=${await tempDir('x')}`).start()).rejects.toThrow('Nom de paquet invalide');
  });

  it('names a folder pack after its folder when no name is given', async () => {
    const folder = path.join(await tempDir('parent'), 'cours-k8s');
    await writePack(folder, { labTitle: 'K8s' });
    await manager(folder).start();
    expect((await loadLab('cours-k8s.premier')).title).toBe('K8s');
  });
});

describe('a git pack', () => {
  let remote: Awaited<ReturnType<typeof gitRemote>>;
  let dataDir: string;
  beforeEach(async () => {
    remote = await gitRemote();
    dataDir = await tempDir('data');
  });
  afterEach(() => remote.remove());

  it('serves a valid commit, keeps it when the next one is invalid, and shows why', async () => {
    const first = await remote.commit({ labTitle: 'Version 1' });
    const packs = manager(`git-cours=${remote.url}#main`, dataDir);
    await packs.start();
    expect(await loadLab('git-cours.premier')).toMatchObject({ title: 'Version 1', version: first });

    const bad = await remote.commit({ labTitle: 'Version cassée', broken: true });
    const status = await packs.pull('git-cours');
    expect(status).toMatchObject({ state: 'served', version: first, refusedVersion: bad });
    expect(status.issues).toContainEqual(expect.objectContaining({ file: 'labs/premier/index.json', line: 4, severity: 'error' }));
    expect((await loadLab('git-cours.premier')).title).toBe('Version 1');
    expect(logged.join('\n')).toContain('refusée');

    const fixed = await remote.commit({ labTitle: 'Version 2' });
    expect(await packs.pull('git-cours')).toMatchObject({ version: fixed, refusedVersion: null, issues: [] });
    expect((await loadLab('git-cours.premier')).title).toBe('Version 2');
  });

  it('opens its labs when the data folder is relative to the working directory (DOCKYARD_DATA_DIR’s default, data)', async () => {
    await remote.commit({ labTitle: 'Version 1' });
    await manager(`relatif=${remote.url}`, path.relative(process.cwd(), dataDir)).start();
    expect(path.isAbsolute(registry.get('relatif')?.root ?? '')).toBe(true);
    // Its step pages are read inside the version's folder: a relative root put them « outside ».
    expect((await loadLab('relatif.premier')).title).toBe('Version 1');
  });

  it('lets a running session finish on the version it started on, then removes that version', async () => {
    const first = await remote.commit({ labTitle: 'Version 1' });
    const packs = manager(`suivi=${remote.url}`, dataDir);
    await packs.start();
    const session = await db.prisma.labSession.create({
      data: { id: crypto.randomUUID(), ownerId: 'etudiant', lab: 'suivi.premier', contentVersion: first, expiresAt: new Date(Date.now() + 3_600_000) },
    });

    await remote.commit({ labTitle: 'Version 2' });
    await packs.pull('suivi');
    expect((await findLabSpec('suivi.premier'))?.title).toBe('Version 2');
    expect((await findLabSpec('suivi.premier', first))?.title).toBe('Version 1');

    await db.prisma.labSession.update({ where: { id: session.id }, data: { state: 'ended' } });
    const third = await remote.commit({ labTitle: 'Version 3' });
    await packs.pull('suivi');
    expect(await readdir(path.join(dataDir, 'packs', 'suivi', 'versions'))).toEqual([third]);
    // Asked for a version that is gone, a reader gets the current one rather than nothing.
    expect((await findLabSpec('suivi.premier', first))?.title).toBe('Version 3');
  });

  it('serves what it had after a restart while the repository is unreachable', async () => {
    const first = await remote.commit({ labTitle: 'Version 1' });
    await manager(`hors-ligne=${remote.url}`, dataDir).start();
    await remote.remove();

    registry = new PackRegistry(defaultBuiltinRoot());
    publishPackRegistry(registry);
    const restarted = manager(`hors-ligne=${remote.url}`, dataDir);
    await restarted.start();
    expect((await loadLab('hors-ligne.premier')).title).toBe('Version 1');
    await expect.poll(() => restarted.statuses()[0]?.message).toMatch(/repository|dépôt|not|does/i);
    expect(restarted.statuses()[0]).toMatchObject({ state: 'served', version: first });
  });

  it('is unavailable with git’s reason when the first fetch fails', async () => {
    const packs = manager(`absent=/nonexistent/cours.git`, dataDir);
    await packs.start();
    expect(packs.statuses()[0]).toMatchObject({ state: 'unavailable', message: expect.stringMatching(/does not exist|not found|n'existe/i) });
  });
});
