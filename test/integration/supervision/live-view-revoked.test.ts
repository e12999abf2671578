/**
 * A live view that is already running stops within a few seconds once the right to it goes:
 * the instructor loses the role or is disabled, the student leaves or is removed from the
 * class, the class is deleted, the lab ends. The watcher is told why and disconnected, and
 * the student's banner drops the name; an instructor who keeps the right goes on watching.
 * Real accounts, classes and routes, a real sandbox, the terminal gateway on a real server.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PATCH as updateUserRoute } from '@/app/api/admin/users/[id]/route';
import { POST as createClassRoute } from '@/app/api/classes/route';
import { DELETE as deleteClassRoute, GET as viewClassRoute } from '@/app/api/classes/[id]/route';
import { POST as joinRoute } from '@/app/api/classes/join/route';
import { DELETE as removeMemberRoute } from '@/app/api/classes/[id]/members/[userId]/route';
import { DELETE as leaveRoute } from '@/app/api/classes/[id]/membership/route';
import { POST as startRoute } from '@/app/api/labs/[slug]/session/route';
import { DELETE as endRoute } from '@/app/api/sessions/[id]/route';
import { RECHECK_EVERY_MS, WATCH_STOPPED } from '@/server/supervision/live-view-guard';
import { TERMINAL_EVENTS } from '@/server/terminal/events';
import { requireImages } from '../runtime/fixtures';
import { openPlatform, type Person, type Platform } from '../platform-fixture';
import { openWatchServer, ready, type TerminalClient, type WatchServer } from './watch-fixture';

const LAB = 'premiers-pas';
/** One re-check period, and what a loaded machine adds to it. */
const STOPS_WITHIN_MS = RECHECK_EVERY_MS + 5_000;
let platform: Platform;
let watching: WatchServer;
let admin: Person;
let alice: Person;
let sessionId: string;
let student: TerminalClient;
/** Keeps the right throughout: re-checks must never cut them off. */
let steady: TerminalClient;

/** A class of `teacher`'s that Alice joined; its id. */
async function classWithAlice(teacher: Person): Promise<string> {
  const created = await (await platform.call(createClassRoute, '/api/classes', { as: teacher, body: { name: 'Classe suivie' } })).json();
  const id: string = created.class.id;
  const view = await (await platform.call(viewClassRoute, `/api/classes/${id}`, { as: teacher, params: { id } })).json();
  await platform.call(joinRoute, '/api/classes/join', { as: alice, body: { code: view.view.managed.joinCode } });
  return id;
}

/** `person`'s live view of Alice's terminal, once it shows; the student's banner names them. */
async function watchAlice(person: Person, name: string): Promise<TerminalClient> {
  const watcher = watching.client(person);
  watcher.socket.emit(TERMINAL_EVENTS.watch, { sessionId });
  await ready(watcher.seen);
  await vi.waitFor(() => expect(student.seen.watchers.at(-1)).toContain(name));
  return watcher;
}

const updateUser = (target: Person, body: unknown) => platform.call(updateUserRoute, `/api/admin/users/${target.id}`, { as: admin, method: 'PATCH', body, params: { id: target.id } });

beforeAll(async () => {
  await requireImages();
  platform = await openPlatform();
  await platform.driver.prepare();
  admin = await platform.signUp({ role: 'admin', name: 'Mme Admin' });
  alice = await platform.signUp({ name: 'Alice Durand' });
  const steadyTeacher = await platform.signUp({ role: 'instructor', name: 'Mme Vert' });
  await classWithAlice(steadyTeacher);

  const started = await platform.call(startRoute, `/api/labs/${LAB}/session`, { as: alice, method: 'POST', params: { slug: LAB } });
  sessionId = (await started.json()).session.id;
  watching = await openWatchServer(platform);
  student = watching.client(alice);
  student.socket.emit(TERMINAL_EVENTS.attach, { sessionId, cols: 100, rows: 30 });
  await ready(student.seen);
  steady = await watchAlice(steadyTeacher, 'Mme Vert');
});

afterAll(async () => {
  await watching?.close();
  await platform?.close();
});

describe('a running live view', () => {
  const revocations: Array<{ what: string; revoke: (teacher: Person, classId: string) => Promise<Response> }> = [
    { what: 'the instructor loses the instructor role', revoke: (teacher) => updateUser(teacher, { role: 'student' }) },
    { what: 'the instructor’s account is disabled', revoke: (teacher) => updateUser(teacher, { disabled: true }) },
    {
      what: 'the instructor removes the student from the class',
      revoke: (teacher, classId) => platform.call(removeMemberRoute, `/api/classes/${classId}/members/${alice.id}`, { as: teacher, method: 'DELETE', params: { id: classId, userId: alice.id } }),
    },
    {
      what: 'the student leaves the class',
      revoke: (_teacher, classId) => platform.call(leaveRoute, `/api/classes/${classId}/membership`, { as: alice, method: 'DELETE', params: { id: classId } }),
    },
    {
      what: 'the class is deleted',
      revoke: (teacher, classId) => platform.call(deleteClassRoute, `/api/classes/${classId}`, { as: teacher, method: 'DELETE', params: { id: classId } }),
    },
  ];

  for (const [index, { what, revoke }] of revocations.entries()) {
    it(`stops within seconds when ${what}; the student’s banner drops the name`, async () => {
      const name = `Enseignant ${index + 1}`;
      const teacher = await platform.signUp({ role: 'instructor', name });
      const classId = await classWithAlice(teacher);
      const watcher = await watchAlice(teacher, name);

      expect((await revoke(teacher, classId)).ok).toBe(true);
      await expect.poll(() => watcher.seen.errors.at(-1)?.message, { timeout: STOPS_WITHIN_MS }).toBe(WATCH_STOPPED);
      await expect.poll(() => watcher.socket.connected).toBe(false);
      await expect.poll(() => student.seen.watchers.at(-1)).toEqual(['Mme Vert']);

      // Nothing the student does from now on reaches the former watcher.
      student.socket.emit(TERMINAL_EVENTS.input, `echo apres-${index}-$((40+2))\r`);
      await expect.poll(() => steady.seen.screen, { timeout: 15_000 }).toContain(`apres-${index}-42`);
      expect(watcher.seen.screen).not.toContain(`apres-${index}-42`);
    });
  }

  it('goes on for an instructor who keeps the right, through every re-check, until the lab ends', async () => {
    expect(steady.seen.errors).toEqual([]);
    expect(steady.socket.connected).toBe(true);

    const ended = await platform.call(endRoute, `/api/sessions/${sessionId}`, { as: alice, method: 'DELETE', params: { id: sessionId } });
    expect(ended.ok).toBe(true);
    await expect.poll(() => steady.seen.errors.at(-1)?.message, { timeout: STOPS_WITHIN_MS }).toBe(WATCH_STOPPED);
    await expect.poll(() => steady.socket.connected).toBe(false);
  });
});
