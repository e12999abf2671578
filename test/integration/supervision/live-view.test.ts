/**
 * An instructor looking over a student's shoulder, on real parts: real accounts and class,
 * a real sandbox, the terminal gateway and the preview proxy behind a real HTTP server.
 * The instructor of the student's class watches the terminal read-only (the student is told)
 * and opens the student's port preview; another instructor, another student and a visitor
 * get nothing, not even the knowledge that the session exists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as createClassRoute } from '@/app/api/classes/route';
import { GET as viewClassRoute } from '@/app/api/classes/[id]/route';
import { POST as joinRoute } from '@/app/api/classes/join/route';
import { POST as startRoute } from '@/app/api/labs/[slug]/session/route';
import { GET as evidenceRoute } from '@/app/api/classes/[id]/students/[userId]/labs/[slug]/route';
import { PreviewGrants } from '@/server/preview/preview-grants';
import { PreviewProxy } from '@/server/preview/preview-proxy';
import { NOT_SUPERVISED } from '@/server/supervision/supervision-service';
import { TERMINAL_EVENTS } from '@/server/terminal/events';
import { requireImages } from '../runtime/fixtures';
import { openPlatform, type Person, type Platform } from '../platform-fixture';
import { openWatchServer, ready, type WatchServer } from './watch-fixture';

const LAB = 'premiers-pas';
let platform: Platform;
let watching: WatchServer;
let url: string;
let teacher: Person;
let otherTeacher: Person;
let alice: Person;
let mallory: Person;
let classId: string;
let sessionId: string;
const client = (person: Person | null) => watching.client(person);

beforeAll(async () => {
  await requireImages();
  platform = await openPlatform();
  await platform.driver.prepare();
  teacher = await platform.signUp({ role: 'instructor', name: 'M. Leroy' });
  otherTeacher = await platform.signUp({ role: 'instructor', name: 'Mme Petit' });
  alice = await platform.signUp({ name: 'Alice Durand' });
  mallory = await platform.signUp({ name: 'Mallory' });

  const created = await (await platform.call(createClassRoute, '/api/classes', { as: teacher, body: { name: 'BTS SIO 2' } })).json();
  classId = created.class.id;
  const view = await (await platform.call(viewClassRoute, `/api/classes/${classId}`, { as: teacher, params: { id: classId } })).json();
  await platform.call(joinRoute, '/api/classes/join', { as: alice, body: { code: view.view.managed.joinCode } });
  // Mallory's instructor is another one: Mme Petit's class.
  const theirs = await (await platform.call(createClassRoute, '/api/classes', { as: otherTeacher, body: { name: 'Autre classe' } })).json();
  const theirView = await (await platform.call(viewClassRoute, `/api/classes/${theirs.class.id}`, { as: otherTeacher, params: { id: theirs.class.id } })).json();
  await platform.call(joinRoute, '/api/classes/join', { as: mallory, body: { code: theirView.view.managed.joinCode } });

  const started = await platform.call(startRoute, `/api/labs/${LAB}/session`, { as: alice, method: 'POST', params: { slug: LAB } });
  sessionId = (await started.json()).session.id;

  const { services } = platform;
  const preview = new PreviewProxy({ callers: services.callers, grants: new PreviewGrants('x'.repeat(40)), sessions: services.sessions, supervision: services.supervision, driver: platform.driver });
  watching = await openWatchServer(platform, (req, res) => preview.handle(req, res));
  url = watching.url;
});

afterAll(async () => {
  await watching?.close();
  if (sessionId) await platform?.services.sessions.endSession(sessionId, 'test-cleanup').catch(() => undefined);
  await platform?.close();
});

describe('the live terminal view', () => {
  it('shows the instructor the student’s screen and what follows, in the student’s size; the student sees who watches', async () => {
    const student = client(alice);
    student.socket.emit(TERMINAL_EVENTS.attach, { sessionId, cols: 100, rows: 30 });
    await ready(student.seen);
    student.socket.emit(TERMINAL_EVENTS.input, 'echo avant-$((40+2))\r');
    await expect.poll(() => student.seen.screen, { timeout: 15_000 }).toContain('avant-42');
    expect(student.seen.watchers).toEqual([[]]);

    const watcher = client(teacher);
    watcher.socket.emit(TERMINAL_EVENTS.watch, { sessionId });
    await ready(watcher.seen);
    // The scrollback first: what the student did before the instructor came.
    expect(watcher.seen.screen).toContain('avant-42');
    expect(watcher.seen.sizes).toEqual([{ cols: 100, rows: 30 }]);
    await expect.poll(() => student.seen.watchers.at(-1)).toEqual(['M. Leroy']);

    student.socket.emit(TERMINAL_EVENTS.input, 'echo pendant-$((6*7))\r');
    await expect.poll(() => watcher.seen.screen, { timeout: 15_000 }).toContain('pendant-42');

    student.socket.emit(TERMINAL_EVENTS.resize, { cols: 120, rows: 40 });
    await expect.poll(() => watcher.seen.sizes.at(-1)).toEqual({ cols: 120, rows: 40 });

    watcher.socket.disconnect();
    await expect.poll(() => student.seen.watchers.at(-1)).toEqual([]);
    student.socket.disconnect();
  });

  it('is read-only: what the instructor types and their size never reach the shell', async () => {
    const watcher = client(teacher);
    watcher.socket.emit(TERMINAL_EVENTS.watch, { sessionId });
    await ready(watcher.seen);
    watcher.socket.emit(TERMINAL_EVENTS.input, 'touch /tmp/ecrit-par-le-prof\r');
    watcher.socket.emit(TERMINAL_EVENTS.resize, { cols: 20, rows: 5 });

    const student = client(alice);
    student.socket.emit(TERMINAL_EVENTS.attach, { sessionId, cols: 90, rows: 25 });
    await ready(student.seen);
    student.socket.emit(TERMINAL_EVENTS.input, 'ls /tmp/ecrit-par-le-prof 2>&1 | tail -1\r');
    await expect.poll(() => student.seen.screen, { timeout: 15_000 }).toMatch(/No such file or directory/);
    // The student's size, never the instructor's. A size travels to the node's shell apart
    // from the keystrokes (Incus's control socket, then tmux): ask until it has arrived.
    await expect
      .poll(
        () => {
          student.socket.emit(TERMINAL_EVENTS.input, 'stty size\r');
          return student.seen.screen;
        },
        { timeout: 15_000, interval: 500 },
      )
      .toMatch(/\n25 90\r?\n/);
    expect(student.seen.screen).not.toMatch(/\n5 20\r?\n/);
    watcher.socket.disconnect();
    student.socket.disconnect();
  });

  it('is refused to another class’s instructor, to another student and to a visitor, as if the session did not exist', async () => {
    for (const person of [otherTeacher, mallory]) {
      const stranger = client(person);
      stranger.socket.emit(TERMINAL_EVENTS.watch, { sessionId });
      await expect.poll(() => stranger.seen.errors[0]?.message, { timeout: 15_000 }).toBe(NOT_SUPERVISED);
      expect(stranger.seen.screen).toBe('');
    }
    const visitor = client(null);
    await expect.poll(() => visitor.seen.connectError?.message, { timeout: 15_000 }).toMatch(/^Connectez-vous/);
  });

  it('is offered from the drill-down while the session runs', async () => {
    const response = await platform.call(evidenceRoute, `/api/classes/${classId}/students/${alice.id}/labs/${LAB}`, {
      as: teacher,
      params: { id: classId, userId: alice.id, slug: LAB },
    });
    const { evidence } = await response.json();
    expect(evidence.sessions).toEqual([expect.objectContaining({ id: sessionId, running: true, endedAt: null })]);
  });
});

describe('the student’s port preview', () => {
  /** The entry URL as a browser with these cookies opens it: the status and where it leads. */
  const openPreview = async (person: Person) => {
    const response = await fetch(`${url}/preview/${sessionId}/node1/8080/`, { headers: { cookie: person.cookie }, redirect: 'manual' });
    return { status: response.status, location: response.headers.get('location') };
  };

  it('opens for the student’s instructor, on the student’s server', async () => {
    const { sandboxId } = await platform.services.sessions.sandboxFor(alice.id, sessionId);
    const started = await platform.driver.exec(sandboxId, ['sh', '-c', 'docker run -d -p 8080:80 nginx:alpine && for i in $(seq 100); do curl -fs localhost:8080/ >/dev/null && exit 0; sleep 0.2; done; exit 1'], { timeoutMs: 120_000 });
    expect(started.exitCode, started.output).toBe(0);

    const entry = await openPreview(teacher);
    expect(entry.status).toBe(307);
    const page = await fetch(`${url}${entry.location}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Welcome to nginx');
  });

  it('stays closed to another class’s instructor and to another student', async () => {
    for (const person of [otherTeacher, mallory]) expect((await openPreview(person)).status).toBe(404);
  });
});
