/**
 * Sessions and the reaper on real parts: the real Docker engine and sandboxes, the real lab
 * from content/, a real (embedded) database. Every sandbox made here is destroyed at the end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { testDriver } from '../runtime/test-driver';
import type { Database } from '@/server/db/database';
import { openTestDatabase } from '../test-database';
import { SessionService } from '@/server/sessions/session-service';
import { Reaper } from '@/server/sessions/reaper';
import { findLabSpec } from '@/server/sessions/find-lab-spec';
import { NotFoundError } from '@/server/errors';
import { requireImages, SANDBOX_IMAGE, TEST_INSTANCE } from '../runtime/fixtures';

const LAB = 'premiers-pas';
const driver = testDriver(TEST_INSTANCE);
let db: Database;
let sessions: SessionService;
const ended: string[] = [];

function reaper(isAttached = false): Reaper {
  return new Reaper({ prisma: db.prisma, driver, sessions, idleTimeoutMs: 60_000, isAttached: () => isAttached });
}

async function sandboxOf(sessionId: string): Promise<string> {
  const node = await db.prisma.sandboxNode.findFirstOrThrow({ where: { sessionId } });
  return node.sandboxId;
}

beforeAll(async () => {
  await requireImages();
  db = await openTestDatabase();
  sessions = new SessionService({ prisma: db.prisma, driver, findLab: findLabSpec, onEnded: (id) => ended.push(id) });
  await driver.prepare();
});

afterAll(async () => {
  const running = await db.prisma.labSession.findMany({ where: { state: 'running' } });
  await Promise.all(running.map((s) => sessions.endSession(s.id, 'test-cleanup')));
  await db.close();
});

describe('a lab session', () => {
  const alice = `alice-${randomUUID()}`;
  const bob = `bob-${randomUUID()}`;
  let sessionId: string;

  it('starts once, even when « Démarrer » is clicked twice at once', async () => {
    const [first, second] = await Promise.all([sessions.start(alice, LAB), sessions.start(alice, LAB)]);
    expect(first.id).toBe(second.id);
    expect(first).toMatchObject({ lab: LAB, state: 'running', nodes: ['node1'] });
    sessionId = first.id;
    expect(await driver.isRunning(await sandboxOf(sessionId))).toBe(true);
    expect(await sessions.findRunning(alice, LAB)).toMatchObject({ id: sessionId });
  });

  it('fails a step’s check until the student does the work, and records both attempts', async () => {
    const before = await sessions.check(alice, sessionId, 0);
    expect(before.passed).toBe(false);
    expect(before.output).toMatch(/hello-world/);

    const ran = await driver.exec(await sandboxOf(sessionId), ['docker', 'run', 'hello-world']);
    expect(ran.output).toContain('Bonjour de Dockyard');

    const after = await sessions.check(alice, sessionId, 0);
    expect(after.passed).toBe(true);
    const stored = await db.prisma.checkAttempt.findMany({ where: { sessionId }, orderBy: { createdAt: 'asc' } });
    expect(stored.map((a) => a.passed)).toEqual([false, true]);
    expect(stored[0]?.output).toBe(before.output);
  });

  it('refuses a step the lab does not have', async () => {
    await expect(sessions.check(alice, sessionId, 99)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('is invisible to anyone else: no find, no check, no terminal, no end', async () => {
    expect(await sessions.findRunning(bob, LAB)).toBeNull();
    await expect(sessions.check(bob, sessionId, 0)).rejects.toBeInstanceOf(NotFoundError);
    await expect(sessions.sandboxFor(bob, sessionId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(sessions.end(bob, sessionId)).rejects.toBeInstanceOf(NotFoundError);
    expect(await driver.isRunning(await sandboxOf(sessionId))).toBe(true);
  });

  it('ends with « Terminer »: the sandbox is destroyed and terminals are told', async () => {
    const sandboxId = await sandboxOf(sessionId);
    const view = await sessions.end(alice, sessionId);
    expect(view.state).toBe('ended');
    expect(ended).toContain(sessionId);
    expect(await driver.isRunning(sandboxId)).toBe(false);
    expect((await driver.list()).map((s) => s.id)).not.toContain(sandboxId);
    expect(await sessions.findRunning(alice, LAB)).toBeNull();
  });

  it('does not start a lab that does not exist', async () => {
    await expect(sessions.start(alice, 'pas-de-lab')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('the reaper', () => {
  it('removes a sandbox that no session records (left by a killed server)', async () => {
    const orphan = await driver.create({ sessionId: `orphan-${randomUUID()}`, lab: LAB, image: SANDBOX_IMAGE, node: 'node1' });
    const report = await reaper().reconcile();
    expect(report.orphansRemoved).toContain(orphan.id);
    expect((await driver.list()).map((s) => s.id)).not.toContain(orphan.id);
  });

  it('ends an idle session unless a terminal is open on it', async () => {
    const owner = `idle-${randomUUID()}`;
    const session = await sessions.start(owner, LAB);
    await db.prisma.labSession.update({ where: { id: session.id }, data: { lastActiveAt: new Date(Date.now() - 3_600_000) } });

    expect((await reaper(true).reconcile()).sessionsEnded).toEqual([]);
    const report = await reaper(false).reconcile();
    expect(report.sessionsEnded).toEqual([{ id: session.id, reason: 'idle' }]);
    expect(await sessions.findRunning(owner, LAB)).toBeNull();
    expect((await driver.list()).filter((s) => s.sessionId === session.id)).toEqual([]);
  });

  it('ends a session whose sandbox vanished', async () => {
    const owner = `lost-${randomUUID()}`;
    const session = await sessions.start(owner, LAB);
    await driver.destroy(await sandboxOf(session.id));
    const report = await reaper().reconcile();
    expect(report.sessionsEnded).toEqual([{ id: session.id, reason: 'lost' }]);
    const row = await db.prisma.labSession.findUniqueOrThrow({ where: { id: session.id } });
    expect(row).toMatchObject({ state: 'ended', endReason: 'lost' });
  });
});
