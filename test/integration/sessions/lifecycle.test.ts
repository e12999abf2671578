/**
 * Session lifecycle on real parts: expiry, « Prolonger », « Réinitialiser » and capacity
 * limits, against the real Docker engine and a real (embedded) database. Time is a clock the
 * test moves, so nothing sleeps; the docker CLI witnesses what really happened to sandboxes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { testDriver } from '../runtime/test-driver';
import type { Database } from '@/server/db/database';
import { openTestDatabase } from '../test-database';
import { SessionService, type LabSpec } from '@/server/sessions/session-service';
import { Reaper } from '@/server/sessions/reaper';
import { findLabSpec } from '@/server/sessions/find-lab-spec';
import { CapacityError } from '@/server/sessions/capacity-error';
import type { CapacitySettings } from '@/server/sessions/lifetime';
import { ConflictError, NotFoundError, toEnvelope } from '@/server/errors';
import { OwnerTokens, OWNER_COOKIE } from '@/server/auth/owner-token';
import { publishServices } from '@/server/services';
import { POST as startRoute } from '@/app/api/labs/[slug]/session/route';
import { incusCli, requireImages, SANDBOX_IMAGE, TEST_INSTANCE } from '../runtime/fixtures';
import { buildServices } from '../platform-fixture';

const LAB = 'premiers-pas';
const MIN = 60_000;
const worlds: Array<{ db: Database; driver: ReturnType<typeof testDriver> }> = [];

/** The real lab, plus single-node labs named capacite-* so one student can hold several sessions. */
async function findLab(slug: string): Promise<LabSpec | null> {
  if (slug.startsWith('capacite-')) return { slug, image: SANDBOX_IMAGE, nodes: ['node1'], steps: [] };
  return findLabSpec(slug);
}

/**
 * A session service on its own database and its own instance label (so that its reaper never
 * takes another test's sandboxes for orphans), with a clock the test moves.
 */
async function world(capacity?: CapacitySettings) {
  const db = await openTestDatabase();
  const driver = testDriver(`${TEST_INSTANCE}-${randomUUID().slice(0, 8)}`);
  worlds.push({ db, driver });
  const clock = { now: new Date() };
  const now = () => clock.now;
  const sessions = new SessionService({ prisma: db.prisma, driver, findLab, now, capacity });
  const reaper = new Reaper({ prisma: db.prisma, driver, sessions, idleTimeoutMs: 30 * MIN, isAttached: () => true, now });
  const advance = (minutes: number) => (clock.now = new Date(clock.now.getTime() + minutes * MIN));
  const sandboxOf = async (sessionId: string) =>
    (await db.prisma.sandboxNode.findFirstOrThrow({ where: { sessionId } })).sandboxId;
  return { db, driver, clock, sessions, reaper, advance, sandboxOf };
}

/** True while the engine (asked directly, not through the driver) still has the node. */
async function existsInEngine(sandboxId: string): Promise<boolean> {
  return (await incusCli('info', sandboxId)).code === 0;
}

beforeAll(async () => {
  await requireImages();
});

afterAll(async () => {
  for (const { db, driver } of worlds) {
    await Promise.all((await driver.list()).map((sandbox) => driver.destroy(sandbox.id)));
    await db.close();
  }
});

describe('expiry', () => {
  it('gives a session an hour, and the reaper destroys it once the hour is over, terminal open or not', async () => {
    const { db, clock, sessions, reaper, advance, sandboxOf } = await world();
    const owner = `expire-${randomUUID()}`;
    const started = clock.now.getTime();
    const session = await sessions.start(owner, LAB);
    expect(Date.parse(session.expiresAt)).toBe(started + 60 * MIN);
    expect(Date.parse(session.maxExpiresAt)).toBe(started + 120 * MIN);
    const sandboxId = await sandboxOf(session.id);

    advance(59);
    expect((await reaper.reconcile()).sessionsEnded).toEqual([]);
    expect(await existsInEngine(sandboxId)).toBe(true);

    advance(2);
    expect((await reaper.reconcile()).sessionsEnded).toEqual([{ id: session.id, reason: 'expired' }]);
    expect(await existsInEngine(sandboxId)).toBe(false);
    expect(await db.prisma.labSession.findUniqueOrThrow({ where: { id: session.id } })).toMatchObject({
      state: 'ended',
      endReason: 'expired',
    });
    expect(await sessions.findRunning(owner, LAB)).toBeNull();
  });

  it('is enforced before the reaper passes: an expired session opens no terminal, and its sandbox goes', async () => {
    const { sessions, advance, sandboxOf } = await world();
    const owner = `late-${randomUUID()}`;
    const session = await sessions.start(owner, LAB);
    const sandboxId = await sandboxOf(session.id);
    advance(61);
    const refused = sessions.sandboxFor(owner, session.id);
    await expect(refused).rejects.toBeInstanceOf(NotFoundError);
    await expect(refused).rejects.toThrow(/temps de ce lab est écoulé/);
    expect(await existsInEngine(sandboxId)).toBe(false);
  });
});

describe('« Prolonger »', () => {
  it('adds 30 minutes at a time up to two hours, then refuses, and the reaper respects the new expiry', async () => {
    const { clock, sessions, reaper, advance, sandboxOf } = await world();
    const owner = `extend-${randomUUID()}`;
    const started = clock.now.getTime();
    const session = await sessions.start(owner, LAB);
    const sandboxId = await sandboxOf(session.id);

    advance(50);
    expect(Date.parse((await sessions.extend(owner, session.id)).expiresAt)).toBe(started + 90 * MIN);
    const atMax = await sessions.extend(owner, session.id);
    expect(atMax.expiresAt).toBe(atMax.maxExpiresAt);
    expect(Date.parse(atMax.expiresAt)).toBe(started + 120 * MIN);
    const third = sessions.extend(owner, session.id);
    await expect(third).rejects.toBeInstanceOf(ConflictError);
    await expect(third).rejects.toThrow(/durée maximale \(2 h\)/);

    // Past the first hour, the extended session lives on…
    advance(60);
    expect((await reaper.reconcile()).sessionsEnded).toEqual([]);
    expect(await existsInEngine(sandboxId)).toBe(true);
    // …until its maximum.
    advance(11);
    expect((await reaper.reconcile()).sessionsEnded).toEqual([{ id: session.id, reason: 'expired' }]);
    expect(await existsInEngine(sandboxId)).toBe(false);
  });

  it('is only for the session’s owner', async () => {
    const { sessions } = await world();
    const session = await sessions.start(`owner-${randomUUID()}`, LAB);
    await expect(sessions.extend(`stranger-${randomUUID()}`, session.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(sessions.reset(`stranger-${randomUUID()}`, session.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('« Réinitialiser »', () => {
  it('replaces the sandbox by a fresh one: the old one is destroyed, the student’s files are gone', async () => {
    const { db, driver, clock, sessions, advance, sandboxOf } = await world();
    const owner = `reset-${randomUUID()}`;
    const before = await sessions.start(owner, LAB);
    const oldSandbox = await sandboxOf(before.id);
    const wrote = await driver.exec(oldSandbox, ['sh', '-c', 'echo brouillon > /root/travail.txt && cat /root/travail.txt']);
    expect(wrote.output).toContain('brouillon');

    advance(20);
    const after = await sessions.reset(owner, before.id);
    expect(after.id).not.toBe(before.id);
    expect(after).toMatchObject({ lab: LAB, state: 'running', nodes: ['node1'] });
    // A fresh session: a fresh hour from now.
    expect(Date.parse(after.expiresAt)).toBe(clock.now.getTime() + 60 * MIN);

    const newSandbox = await sandboxOf(after.id);
    expect(newSandbox).not.toBe(oldSandbox);
    expect(await existsInEngine(oldSandbox)).toBe(false);
    expect(await existsInEngine(newSandbox)).toBe(true);
    const look = await driver.exec(newSandbox, ['sh', '-c', 'test -e /root/travail.txt && echo encore-la || echo propre']);
    expect(look.output.trim()).toBe('propre');

    expect(await db.prisma.labSession.findUniqueOrThrow({ where: { id: before.id } })).toMatchObject({ endReason: 'reset' });
    expect(await sessions.findRunning(owner, LAB)).toMatchObject({ id: after.id });
    await expect(sessions.extend(owner, before.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('pressed in two tabs at once, still leaves exactly one running session', async () => {
    const { db, sessions } = await world();
    const owner = `reset-twice-${randomUUID()}`;
    const before = await sessions.start(owner, LAB);
    const [a, b] = await Promise.all([sessions.reset(owner, before.id), sessions.reset(owner, before.id)]);
    expect(a.id).toBe(b.id);
    expect(await db.prisma.labSession.count({ where: { ownerId: owner, state: 'running' } })).toBe(1);
  });
});

describe('capacity', () => {
  it('refuses a student’s 4th running session with the wait until their soonest expiry, and nothing is created', async () => {
    const { db, driver, sessions, advance } = await world();
    const owner = `busy-${randomUUID()}`;
    const first = await sessions.start(owner, 'capacite-a');
    advance(5);
    await sessions.start(owner, 'capacite-b');
    await sessions.start(owner, 'capacite-c');
    advance(10);
    const sandboxesBefore = (await driver.list()).length;
    expect(sandboxesBefore).toBe(3);

    const started = Date.now();
    const refused = await sessions.start(owner, 'capacite-d').catch((error: unknown) => error);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(refused).toBeInstanceOf(CapacityError);
    const { status, body } = toEnvelope(refused);
    expect(status).toBe(429);
    // The first session expires 60 minutes after its start, 15 minutes ago.
    expect(body.message).toBe('Plus de place pour le moment : réessayez dans 45 minutes.');
    expect(await db.prisma.labSession.count({ where: { ownerId: owner, lab: 'capacite-d' } })).toBe(0);
    expect((await driver.list()).length).toBe(sandboxesBefore);

    // Another student is not affected, and ending one lab frees a place at once.
    await expect(sessions.start(`other-${randomUUID()}`, 'capacite-d')).resolves.toMatchObject({ state: 'running' });
    await sessions.end(owner, first.id);
    await expect(sessions.start(owner, 'capacite-d')).resolves.toMatchObject({ state: 'running' });
  });

  it('refuses a start when the machine is full (503), even when the clicks arrive together', async () => {
    const { sessions, advance } = await world({ perOwner: 3, perMachine: 2 });
    const owners = [1, 2, 3].map((i) => `full-${i}-${randomUUID()}`);
    const outcomes = await Promise.allSettled(owners.map((owner) => sessions.start(owner, LAB)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(2);
    const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(rejected).toHaveLength(1);
    const { status, body } = toEnvelope(rejected[0]?.reason);
    expect(status).toBe(503);
    expect(body.message).toBe('Plus de place pour le moment : réessayez dans 60 minutes.');

    advance(45);
    const late = toEnvelope(await sessions.start(`late-${randomUUID()}`, LAB).catch((e: unknown) => e));
    expect(late.body.message).toBe('Plus de place pour le moment : réessayez dans 15 minutes.');
  });

  it('answers over HTTP with the error envelope and its status, not a 500', async () => {
    const { db, sessions } = await world({ perOwner: 3, perMachine: 1 });
    const owners = new OwnerTokens('secret-de-test-'.repeat(4));
    // Workshop mode: the owner cookie alone may start a lab.
    publishServices(buildServices({ prisma: db.prisma, owners, sessions, anonymousLabs: true }));
    await sessions.start(`first-${randomUUID()}`, LAB);

    const request = new Request(`http://localhost/api/labs/${LAB}/session`, {
      method: 'POST',
      headers: { cookie: `${OWNER_COOKIE}=${owners.issue()}` },
    });
    const response = await startRoute(request, { params: Promise.resolve({ slug: LAB }) });
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ message: 'Plus de place pour le moment : réessayez dans 60 minutes.' });
  });
});
