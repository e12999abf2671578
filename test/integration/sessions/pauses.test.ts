/**
 * Labs that last, as a student lives them: work in a lab, pause it, the server restarts, the
 * student resumes the next day and finds everything (files, image, volume, the container with
 * a restart policy running); a passed step can be gone back to; a student over their storage
 * quota is told which paused lab goes and when, and loses nothing else; the reaper pauses a lab
 * whose time is up and deletes a paused lab past its keeping date. Real Incus nodes, a real
 * database reopened as a restarted server would; time is a clock the test moves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { SessionService, type LabSpec } from '@/server/sessions/session-service';
import { Reaper } from '@/server/sessions/reaper';
import type { Database } from '@/server/db/database';
import { incusCli, requireImages, SANDBOX_IMAGE, TEST_INSTANCE } from '../runtime/fixtures';
import { testDriver } from '../runtime/test-driver';
import { createTestDatabase, type TestDatabaseHome } from '../test-database';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const instance = `${TEST_INSTANCE}-pauses-${randomUUID().slice(0, 8)}`;

/** Two steps, each passed once its file exists. */
const LAB: LabSpec = {
  slug: 'pause-test',
  image: SANDBOX_IMAGE,
  nodes: ['node1'],
  steps: [
    { index: 0, verifyScript: 'test -f /root/etape1' },
    { index: 1, verifyScript: 'test -f /root/etape2' },
  ],
};
const otherLab = (slug: string): LabSpec => ({ ...LAB, slug });

let home: TestDatabaseHome;
const opened: Database[] = [];
const clock = { now: new Date() };
const events: Array<{ sessionId: string; reason: string }> = [];

/** A server: its own driver and service on the one database, as after a restart. */
async function server(quotaMiB = 10 * 1024) {
  const db = await home.open();
  opened.push(db);
  const driver = testDriver(instance);
  const sessions = new SessionService({
    prisma: db.prisma,
    driver,
    findLab: async (slug) => (slug.startsWith('pause-') ? otherLab(slug) : null),
    now: () => clock.now,
    pauses: { keepDays: 14, quotaMiB },
    onEnded: (sessionId, reason) => events.push({ sessionId, reason }),
  });
  const reaper = new Reaper({ prisma: db.prisma, driver, sessions, idleTimeoutMs: 30 * MIN, isAttached: () => false, now: () => clock.now });
  return { db, driver, sessions, reaper };
}

const advance = (ms: number) => (clock.now = new Date(clock.now.getTime() + ms));
const incusState = async (id: string) => (await incusCli('list', id, '-c', 's', '-f', 'csv')).out.trim();

beforeAll(async () => {
  await requireImages();
  home = await createTestDatabase();
});

afterAll(async () => {
  const driver = testDriver(instance);
  await Promise.all((await driver.list()).map((sandbox) => driver.destroy(sandbox.id).catch(() => undefined)));
  for (const db of opened) await db.close();
  await home.drop();
});

describe('a paused lab', () => {
  const owner = `pause-${randomUUID()}`;
  let sessionId = '';
  let sandboxId = '';

  it('keeps everything through a pause and a server restart, and resumes the next day', async () => {
    const first = await server();
    const session = await first.sessions.start(owner, 'pause-test');
    sessionId = session.id;
    ({ sandboxId } = await first.sessions.sandboxFor(owner, sessionId));
    const sh = (script: string) => first.driver.exec(sandboxId, ['bash', '-c', script], { timeoutMs: 120_000 });
    const work = await sh(`set -e
      echo "mon travail" >/root/notes.txt
      printf 'FROM busybox\\nRUN echo construite >/construite\\n' >/root/Dockerfile
      docker build -q -t mon-image /root >/dev/null
      docker volume create donnees >/dev/null
      docker run --rm -v donnees:/d busybox sh -c 'echo gardé >/d/f'
      docker run -d --name web --restart unless-stopped busybox sleep 100000 >/dev/null`);
    expect(work.exitCode, work.output).toBe(0);

    const paused = await first.sessions.pause(owner, sessionId);
    expect(paused.state).toBe('paused');
    expect(Date.parse(paused.keepUntil ?? '')).toBe(clock.now.getTime() + 14 * DAY);
    expect(await incusState(sandboxId)).toBe('STOPPED');
    // Its terminals were told, and closed.
    expect(events).toContainEqual({ sessionId, reason: 'paused-student' });
    // The page finds it paused, and the student sees what it holds.
    expect((await first.sessions.findCurrent(owner, 'pause-test'))?.state).toBe('paused');
    const storage = await first.sessions.pausedStorage(owner);
    expect(storage.labs.map((lab) => lab.lab)).toEqual(['pause-test']);
    expect(storage.usedMiB).toBeGreaterThan(0);
    // The server stops (its driver with it).
    await first.driver.stop();

    advance(DAY);
    const second = await server();
    const resumed = await second.sessions.start(owner, 'pause-test');
    expect(resumed).toMatchObject({ id: sessionId, state: 'running', pausedAt: null });
    // A new lifetime from the resume.
    expect(Date.parse(resumed.expiresAt)).toBe(clock.now.getTime() + 60 * MIN);
    const back = await second.driver.exec(
      sandboxId,
      ['bash', '-c', `cat /root/notes.txt; docker run --rm mon-image cat /construite; docker run --rm -v donnees:/d busybox cat /d/f; docker inspect -f '{{.State.Running}}' web`],
      { timeoutMs: 120_000 },
    );
    expect(back.output.trim().split('\n')).toEqual(['mon travail', 'construite', 'gardé', 'true']);
    const kinds = await second.db.prisma.sessionEvent.findMany({ where: { sessionId }, orderBy: { createdAt: 'asc' } });
    expect(kinds.map((e) => `${e.kind}/${e.reason}`)).toEqual(['paused/student', 'resumed/student']);
  });

  it('goes back to a passed step: what came after is gone', async () => {
    const { sessions, driver, db } = await server();
    const sh = (script: string) => driver.exec(sandboxId, ['bash', '-c', script], { timeoutMs: 60_000 });
    await sh('touch /root/etape1');
    expect((await sessions.check(owner, sessionId, 0)).passed).toBe(true);
    await sh('touch /root/etape2 /root/plus-tard');
    expect((await sessions.check(owner, sessionId, 1)).passed).toBe(true);
    await sh('rm /root/notes.txt');
    await expect(sessions.restore(owner, sessionId, 5)).rejects.toThrow(/Aucun instantané de l’étape 6/);
    const restored = await sessions.restore(owner, sessionId, 0);
    expect(restored.restorableSteps).toEqual([0]);
    const files = await sh('ls /root/etape1 /root/etape2 /root/plus-tard /root/notes.txt 2>&1; hostname');
    expect(files.output).toContain('/root/etape1');
    expect(files.output).toContain('/root/notes.txt');
    expect(files.output).toMatch(/etape2': No such file/);
    expect(files.output).toMatch(/plus-tard': No such file/);
    expect(files.output.trim().endsWith('node1')).toBe(true);
    const restoredEvent = await db.prisma.sessionEvent.findFirst({ where: { sessionId, kind: 'restored' } });
    expect(restoredEvent).toMatchObject({ reason: 'student', step: 0 });
  });

  it('tells a student over their quota which paused lab goes and when, and loses nothing else', async () => {
    // A quota smaller than one paused lab (a built image, a volume: a few MiB): pausing a
    // second one puts the older one over.
    const { sessions } = await server(1);
    await sessions.pause(owner, sessionId);
    const told = clock.now.getTime();
    advance(MIN);
    const second = await sessions.start(owner, 'pause-second');
    const pausedSecond = await sessions.pause(owner, second.id);
    const storage = await sessions.pausedStorage(owner);
    const older = storage.labs.find((lab) => lab.sessionId === sessionId);
    expect(older).toMatchObject({ keepReason: 'quota', keepUntil: new Date(told + DAY).toISOString() });
    // The newest is still over on its own, and goes after the oldest: both dates are said.
    expect(pausedSecond.keepReason).toBe('quota');
    expect(storage.usedMiB).toBeGreaterThan(storage.quotaMiB);
    // Nothing is deleted before the day is over; the student can still resume it.
    expect(await incusState(sandboxId)).toBe('STOPPED');
    await sessions.endSession(second.id, 'finished');
  });
});

describe('the reaper', () => {
  it('pauses a lab whose time is up or whose student left, and deletes a paused lab once its keeping date has passed', async () => {
    const { sessions, reaper, db } = await server();
    const owner = `reaper-${randomUUID()}`;
    const session = await sessions.start(owner, 'pause-reaper');
    const { sandboxId } = await sessions.sandboxFor(owner, session.id);
    advance(61 * MIN);
    const pass = await reaper.reconcile();
    expect(pass.sessionsPaused).toContainEqual({ id: session.id, reason: 'lifetime' });
    expect(await incusState(sandboxId)).toBe('STOPPED');
    // A paused lab's node is no orphan.
    expect((await reaper.reconcile()).orphansRemoved).not.toContain(sandboxId);

    // A student who left: paused too, the reason said.
    const idle = await sessions.start(owner, 'pause-idle');
    advance(31 * MIN);
    expect((await reaper.reconcile()).sessionsPaused).toContainEqual({ id: idle.id, reason: 'idle' });
    expect(events).toContainEqual({ sessionId: idle.id, reason: 'paused-idle' });

    advance(14 * DAY);
    const later = await reaper.reconcile();
    expect(later.sessionsEnded).toContainEqual({ id: session.id, reason: 'retention' });
    expect(await incusState(sandboxId)).toBe('');
    expect((await db.prisma.labSession.findUniqueOrThrow({ where: { id: session.id } })).state).toBe('ended');
  });
});
