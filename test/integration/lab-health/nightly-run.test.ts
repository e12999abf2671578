/**
 * « Santé des labs » on the real runtime: a folder pack whose lab passes its nightly test, then
 * is broken by a changed image — its index.json now names an image (made here from the lab
 * node's, without `tree`) on which its step's solution fails. The next run records the failure
 * with the failing step and its output, and posts the webhook once; a second failing run keeps
 * « failing since » on the first failure. The run waits while a student holds the only place,
 * and postpones the lab when no place frees up before its window ends.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultBuiltinRoot, PackRegistry, publishPackRegistry } from '@/server/content/packs/pack-registry';
import type { Database } from '@/server/db/database';
import { LabHealthService } from '@/server/lab-health/lab-health-service';
import { findLabSpec } from '@/server/sessions/find-lab-spec';
import { SessionService } from '@/server/sessions/session-service';
import { incusCli, requireImages, SANDBOX_IMAGE, TEST_INSTANCE } from '../runtime/fixtures';
import { testDriver } from '../runtime/test-driver';
import { openTestDatabase } from '../test-database';

const tag = randomUUID().slice(0, 8);
const BROKEN_IMAGE = `dockyard-test/sante-${tag}:sans-tree`;
const LAB = 'sante.arbre';
const MAINTAINER = 'prof.sante@exemple.fr';
const driver = testDriver(`${TEST_INSTANCE}-sante-${tag}`);
const logs: string[] = [];
const log = (message: string) => void logs.push(message);

let db: Database;
let work: string;
let packDir: string;
let sessions: SessionService;
let webhook: Server;
const posted: Array<Record<string, unknown>> = [];
let service: LabHealthService;

/** The lab node's image without `tree`: what a changed image does to a lab that relied on it. */
async function makeBrokenImage(): Promise<void> {
  const builder = `sante-${tag}`;
  const steps = [
    ['init', SANDBOX_IMAGE, builder, '-p', 'dockyard-node'],
    ['file', 'delete', `${builder}/usr/bin/tree`],
    ['publish', builder, '--alias', BROKEN_IMAGE, '--compression', 'none'],
  ];
  try {
    for (const args of steps) {
      const { code, out } = await incusCli(...args);
      if (code !== 0) throw new Error(`incus ${args.join(' ')} : ${out}`);
    }
  } finally {
    await incusCli('delete', '--force', builder);
  }
}

async function writeLab(image: string): Promise<void> {
  const lab = path.join(packDir, 'labs', 'arbre');
  await mkdir(lab, { recursive: true });
  await writeFile(path.join(lab, 'texte.md'), 'Affichez l’arborescence de `/root/dossier` dans `/root/arbre.txt`.\n');
  await writeFile(path.join(lab, 'verify.sh'), 'grep -q fichier /root/arbre.txt\n');
  await writeFile(path.join(lab, 'solution.sh'), 'mkdir -p /root/dossier && touch /root/dossier/fichier\ntree /root/dossier > /root/arbre.txt\n');
  const index = {
    title: 'Un arbre de fichiers',
    description: 'Un lab qui compte sur tree.',
    details: { steps: [{ title: 'Dessiner l’arbre', text: 'texte.md', verify: 'verify.sh' }] },
    dockyard: { image, steps: [{ solution: 'solution.sh' }] },
  };
  await writeFile(path.join(lab, 'index.json'), JSON.stringify(index, null, 2));
}

function healthService(windowMs: number): LabHealthService {
  const url = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hook`;
  return new LabHealthService({ prisma: db.prisma, sessions, driver, at: 'off', webhookUrl: url, pageUrl: 'http://dockyard.test/sante-des-labs', windowMs, pollMs: 300, log });
}

const resultsOf = () => db.prisma.labHealthResult.findMany({ where: { lab: LAB }, orderBy: { testedAt: 'asc' } });
const failingSince = async () => (await service.store.failingSince([LAB])).get(LAB) ?? null;

beforeAll(async () => {
  await requireImages();
  await makeBrokenImage();
  db = await openTestDatabase();
  work = await mkdtemp(path.join(os.tmpdir(), 'dockyard-sante-'));
  // The built-in course holds no lab here: the run tests the pack's lab alone.
  const builtin = path.join(work, 'cours');
  await mkdir(builtin, { recursive: true });
  await writeFile(path.join(builtin, 'course.json'), JSON.stringify({ title: 'Cours', description: 'Vide.', chapters: [{ slug: 'un', title: 'Un', summary: 'Rien.' }] }));
  packDir = path.join(work, 'sante');
  await mkdir(packDir, { recursive: true });
  await writeFile(
    path.join(packDir, 'course.json'),
    JSON.stringify({ title: 'Paquet santé', description: 'Un paquet de test.', maintainers: [MAINTAINER], chapters: [{ slug: 'arbre', title: 'Arbre', summary: 'Un arbre.', lab: 'arbre' }] }),
  );
  await writeLab(SANDBOX_IMAGE);
  const registry = new PackRegistry(builtin);
  registry.serve({ id: 'sante', root: packDir, version: null, earlier: new Map() });
  publishPackRegistry(registry);

  // One place on this machine: a student's lab fills it.
  sessions = new SessionService({ prisma: db.prisma, driver, findLab: findLabSpec, capacity: { perOwner: 3, perMachine: 1 } });
  webhook = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      posted.push(JSON.parse(body) as Record<string, unknown>);
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
  service = healthService(10 * 60_000);
});

afterAll(async () => {
  const running = await db?.prisma.labSession.findMany({ where: { state: 'running' } });
  await Promise.all((running ?? []).map((session) => sessions.endSession(session.id, 'test-cleanup')));
  await Promise.all((await driver.list()).map((sandbox) => driver.destroy(sandbox.id)));
  await incusCli('image', 'delete', BROKEN_IMAGE);
  webhook?.close();
  await db?.close();
  if (work) await rm(work, { recursive: true, force: true });
  publishPackRegistry(new PackRegistry(defaultBuiltinRoot()));
});

describe('the nightly lab tests', () => {
  it('pass a working lab, through sessions of lab-health owners that no student list can show', async () => {
    await service.runScheduled();
    const [result] = await resultsOf();
    expect(result).toMatchObject({ outcome: 'passed', pack: 'sante', packVersion: null, stepIndex: null });
    expect(await failingSince()).toBeNull();
    const tested = await db.prisma.labSession.findMany({ where: { lab: LAB } });
    expect(tested).toHaveLength(1);
    expect(tested[0]).toMatchObject({ userId: null, state: 'ended' });
    expect(tested[0]?.ownerId).toMatch(/^lab-health-[0-9a-f-]{36}$/);
    expect(posted).toEqual([]);
    expect(await driver.list()).toEqual([]);
  }, 180_000);

  it('find the lab broken by a changed image: the failing step, its output, since when, and one webhook', async () => {
    await writeLab(BROKEN_IMAGE);
    await service.runScheduled();
    const failed = (await resultsOf()).at(-1);
    expect(failed).toMatchObject({ outcome: 'failed', stepIndex: 0, stepTitle: 'Dessiner l’arbre', problem: expect.stringMatching(/solution \(sur node1\) a échoué avec le code 127/) });
    expect(failed?.output).toMatch(/tree: command not found/);
    expect(await failingSince()).toEqual(failed?.testedAt);

    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({
      event: 'lab-health.failing',
      lab: LAB,
      pack: 'sante',
      step: { number: 1, title: 'Dessiner l’arbre' },
      since: failed?.testedAt.toISOString(),
      url: 'http://dockyard.test/sante-des-labs#lab-sante-arbre',
    });
    expect(posted[0]?.output).toMatch(/tree: command not found/);

    const maintainer = { id: 'm', name: 'Prof', email: MAINTAINER, role: 'instructor' } as const;
    expect(await service.notice(maintainer)).toEqual({ failing: 1, since: failed?.testedAt.toISOString() });
    const view = await service.view(maintainer);
    const row = view?.packs[0]?.labs[0];
    expect(row).toMatchObject({ lab: LAB, title: 'Un arbre de fichiers', failingSince: failed?.testedAt.toISOString(), lastTested: { outcome: 'failed', step: { number: 1 } } });
    expect(row?.history.map((result) => result.outcome)).toEqual(['failed', 'passed']);
  }, 180_000);

  it('wait while a student holds the only place, then test again: still failing since the first failure, no second webhook', async () => {
    const since = await failingSince();
    const student = await sessions.start('etudiant-sante', LAB);
    const run = service.runScheduled();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    // Nothing tested while the student's lab holds the place.
    expect(await resultsOf()).toHaveLength(2);
    const freedAt = new Date();
    await sessions.end('etudiant-sante', student.id);
    await run;

    const again = (await resultsOf()).at(-1);
    expect(again).toMatchObject({ outcome: 'failed', stepIndex: 0 });
    expect(again!.testedAt.getTime()).toBeGreaterThan(freedAt.getTime());
    expect(await failingSince()).toEqual(since);
    expect(posted).toHaveLength(1);
  }, 180_000);

  it('postpone the lab when no place frees up before the run’s window ends', async () => {
    const since = await failingSince();
    const student = await sessions.start('etudiant-sante', LAB);
    try {
      await healthService(3_000).runScheduled();
    } finally {
      await sessions.end('etudiant-sante', student.id);
    }
    const postponed = (await resultsOf()).at(-1);
    expect(postponed).toMatchObject({ outcome: 'postponed', stepIndex: null, output: null });
    const [run] = await service.store.recentRuns(1);
    expect(run).toMatchObject({ passed: 0, failed: 0, postponed: 1, finishedAt: expect.any(Date) });
    // A postponed lab keeps its state: still failing since the first failure.
    expect(await failingSince()).toEqual(since);
    expect(posted).toHaveLength(1);
    // No lab-health session ran this time.
    expect(await db.prisma.labSession.count({ where: { ownerId: { startsWith: 'lab-health-' } } })).toBe(3);
  }, 120_000);
});
