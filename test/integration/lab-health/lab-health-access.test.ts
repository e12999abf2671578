/**
 * Who sees « santé des labs », through the real route handlers on a real database: an admin
 * every pack, a maintainer (an instructor whose e-mail a pack's course.json lists) their packs
 * only, another instructor and a student nobody's (403). « Lancer maintenant » is an admin's,
 * validated, and one run at a time. The labs are « tested » by a stand-in for lab:test here
 * (no lab machine): the real runs are nightly-run.test.ts.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as runNowRoute } from '@/app/api/admin/lab-health/route';
import { GET as healthRoute } from '@/app/api/lab-health/route';
import { defaultBuiltinRoot, PackRegistry, publishPackRegistry } from '@/server/content/packs/pack-registry';
import { LabHealthService } from '@/server/lab-health/lab-health-service';
import type { HealthRunView, LabHealthView } from '@/server/lab-health/lab-health-view';
import type { LabTestReport } from '@/server/lab-test/lab-test-report';
import { publishServices } from '@/server/services';
import { openPlatform, type Person, type Platform } from '../platform-fixture';

let platform: Platform;
let work: string;
let admin: Person;
let reseauMaintainer: Person;
let webMaintainer: Person;
let otherTeacher: Person;
let studentListed: Person;
/** Holds the stand-in's tests until released, so that a run can be caught going on. */
let release: () => void = () => undefined;
let held: Promise<void> = Promise.resolve();

/** lab:test's stand-in: `reseaux.casse` fails at its second step, every other lab passes. */
async function fakeLabTest(id: string): Promise<LabTestReport> {
  await held;
  const broken = id === 'reseaux.casse';
  return {
    slug: id,
    title: id,
    nodes: ['node1'],
    steps: [
      { index: 0, title: 'Un', outcome: 'passed', timing: {} },
      broken
        ? { index: 1, title: 'Deux', outcome: 'failed', problem: 'La vérification échoue après la solution.', output: 'réseau introuvable', timing: {} }
        : { index: 1, title: 'Deux', outcome: 'passed', timing: {} },
    ],
  };
}

async function writePack(root: string, title: string, maintainers: string[], labs: string[]): Promise<void> {
  await mkdir(root, { recursive: true });
  await writeFile(path.join(root, 'course.json'), JSON.stringify({ title, description: 'Un paquet.', maintainers, chapters: [{ slug: 'un', title: 'Un', summary: 'Un.' }] }));
  for (const lab of labs) {
    await mkdir(path.join(root, 'labs', lab), { recursive: true });
    await writeFile(path.join(root, 'labs', lab, 'texte.md'), 'Texte.\n');
    const index = { title: `Lab ${lab}`, description: 'Un lab.', details: { steps: [{ title: 'Un', text: 'texte.md' }] } };
    await writeFile(path.join(root, 'labs', lab, 'index.json'), JSON.stringify(index));
  }
}

/** What the routes answer: the page's data, a run, or the error envelope. */
type Body = Partial<{ health: LabHealthView; run: HealthRunView; message: string; validations: unknown }>;
const json = async (response: Response) => ({ status: response.status, body: (await response.json()) as Body });
const health = (as?: Person) => platform.call(healthRoute, '/api/lab-health', { as }).then(json);
const runNow = (as: Person, body: unknown = {}) => platform.call(runNowRoute, '/api/admin/lab-health', { as, body }).then(json);

async function untilRunEnds(): Promise<void> {
  for (let tries = 0; tries < 100 && (await platform.services.labHealth.store.runningRun()); tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'dockyard-sante-acces-'));
  await writePack(path.join(work, 'cours'), 'Cours intégré', [], []);
  await writePack(path.join(work, 'reseaux'), 'Réseaux', ['Prof.Reseau@exemple.fr', 'eleve@exemple.fr'], ['casse', 'ponts']);
  await writePack(path.join(work, 'web'), 'Web', ['prof.web@exemple.fr'], ['nginx']);
  const registry = new PackRegistry(path.join(work, 'cours'));
  for (const id of ['reseaux', 'web']) registry.serve({ id, root: path.join(work, id), version: null, earlier: new Map() });
  publishPackRegistry(registry);

  platform = await openPlatform();
  const { db, services } = platform;
  const labHealth = new LabHealthService({ prisma: db.prisma, sessions: services.sessions, driver: platform.driver, at: 'off', pageUrl: 'http://dockyard.test/sante-des-labs', testLab: fakeLabTest, pollMs: 50, log: () => undefined });
  publishServices({ ...services, labHealth });
  platform.services.labHealth = labHealth;

  admin = await platform.signUp({ role: 'admin', name: 'Admin' });
  reseauMaintainer = await platform.signUp({ role: 'instructor', name: 'Prof Réseau', email: 'prof.reseau@exemple.fr' });
  webMaintainer = await platform.signUp({ role: 'instructor', name: 'Prof Web', email: 'prof.web@exemple.fr' });
  otherTeacher = await platform.signUp({ role: 'instructor', name: 'Prof Autre' });
  studentListed = await platform.signUp({ name: 'Élève', email: 'eleve@exemple.fr' });
});

afterAll(async () => {
  release();
  await platform?.close();
  if (work) await rm(work, { recursive: true, force: true });
  publishPackRegistry(new PackRegistry(defaultBuiltinRoot()));
});

describe('« Lancer maintenant »', () => {
  it('is refused to an instructor, and to a malformed body', async () => {
    expect((await runNow(reseauMaintainer)).status).toBe(403);
    const bad = await runNow(admin, { pack: 'Pas Un Nom!' });
    expect(bad.status).toBe(400);
    expect(bad.body.validations).toBeDefined();
    expect((await runNow(admin, { everything: true })).status).toBe(400);
    expect((await runNow(admin, { pack: 'inconnu' })).status).toBe(404);
  });

  it('starts a run in the background for an admin, one at a time', async () => {
    held = new Promise((resolve) => (release = resolve));
    const started = await runNow(admin);
    expect(started.status).toBe(202);
    expect(started.body.run).toMatchObject({ trigger: 'admin', state: 'running' });
    const again = await runNow(admin);
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/déjà en cours/);
    release();
    await untilRunEnds();
    const [run] = await platform.services.labHealth.store.recentRuns(1);
    expect(run).toMatchObject({ passed: 2, failed: 1, postponed: 0, requestedBy: admin.id });
  });
});

describe('the page’s data', () => {
  it('shows an admin every pack, with the failing step and since when', async () => {
    const { status, body } = await health(admin);
    expect(status).toBe(200);
    expect(body.health?.packs.map((pack) => pack.id)).toEqual(['dockyard', 'reseaux', 'web']);
    expect(body.health?.canRun).toBe(true);
    const reseaux = body.health?.packs[1];
    expect(reseaux?.failing).toBe(1);
    expect(reseaux?.labs[0]).toMatchObject({
      lab: 'reseaux.casse',
      title: 'Lab casse',
      failingSince: expect.any(String),
      lastTested: { outcome: 'failed', step: { number: 2, title: 'Deux' }, problem: 'La vérification échoue après la solution.', output: 'réseau introuvable' },
    });
    expect(reseaux?.labs[1]).toMatchObject({ lab: 'reseaux.ponts', failingSince: null, lastTested: { outcome: 'passed' } });
  });

  it('shows a maintainer their packs only, and no « Lancer maintenant »', async () => {
    const reseau = await health(reseauMaintainer);
    expect(reseau.status).toBe(200);
    expect(reseau.body.health?.packs.map((pack) => pack.id)).toEqual(['reseaux']);
    expect(reseau.body.health?.canRun).toBe(false);
    expect(reseau.body.health?.failing).toBe(1);
    const web = await health(webMaintainer);
    expect(web.body.health?.packs.map((pack) => pack.id)).toEqual(['web']);
    expect(web.body.health?.failing).toBe(0);
  });

  it('refuses another instructor and a student (even one a pack lists), and asks a visitor to sign in', async () => {
    const other = await health(otherTeacher);
    expect(other.status).toBe(403);
    expect(other.body.message).toMatch(/maintainers/);
    expect((await health(studentListed)).status).toBe(403);
    expect((await health()).status).toBe(401);
  });

  it('gives the banner of /admin and /classes to those who may see the page only', async () => {
    const { labHealth } = platform.services;
    const asUser = (person: Person, role: 'admin' | 'instructor' | 'student', email: string) => ({ id: person.id, name: 'x', email, role });
    expect(await labHealth.notice(asUser(reseauMaintainer, 'instructor', 'prof.reseau@exemple.fr'))).toEqual({ failing: 1, since: expect.any(String) });
    expect(await labHealth.notice(asUser(webMaintainer, 'instructor', 'prof.web@exemple.fr'))).toEqual({ failing: 0, since: null });
    expect(await labHealth.notice(asUser(admin, 'admin', admin.email))).toMatchObject({ failing: 1 });
    expect(await labHealth.notice(asUser(otherTeacher, 'instructor', otherTeacher.email))).toBeNull();
    expect(await labHealth.notice(asUser(studentListed, 'student', 'eleve@exemple.fr'))).toBeNull();
  });
});
