/**
 * An instructor's live view through one web replica of a student typing through another: two
 * terminal gateways, each with its own shell hub (its own tmux client of the node's shell),
 * linked only by socket.io's PostgreSQL adapter, as two server processes are. The watcher's
 * replica attaches at the student's size (asked of the other replica), sees the student's
 * screen and what follows, follows the student's resize; the student's banner names the
 * watcher; a session ended on the student's replica closes the watcher's terminal on the other.
 * Real accounts, class, sandbox and PostgreSQL (./dockyard test provides it).
 */
import pg from 'pg';
import { createAdapter } from '@socket.io/postgres-adapter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as createClassRoute } from '@/app/api/classes/route';
import { GET as viewClassRoute } from '@/app/api/classes/[id]/route';
import { POST as joinRoute } from '@/app/api/classes/join/route';
import { POST as startRoute } from '@/app/api/labs/[slug]/session/route';
import { TERMINAL_EVENTS } from '@/server/terminal/events';
import { requireImages } from '../runtime/fixtures';
import { openPlatform, type Person, type Platform } from '../platform-fixture';
import { openWatchServer, ready, type WatchServer } from '../supervision/watch-fixture';
import { createTestDatabase, TEST_ENGINE, type TestDatabaseHome } from '../test-database';

const LAB = 'premiers-pas';
let platform: Platform | undefined;
let events: TestDatabaseHome | undefined;
const pools: pg.Pool[] = [];
let studentSide: WatchServer | undefined;
let watcherSide: WatchServer | undefined;
let teacher: Person;
let alice: Person;
let sessionId: string;

/** One replica's link to the others: its own connections to the shared database. */
function replicaAdapter(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 3 });
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  pools.push(pool);
  return { shared: true, socketAdapter: createAdapter(pool, { heartbeatInterval: 1_000, heartbeatTimeout: 3_000 }) };
}

beforeAll(async () => {
  if (TEST_ENGINE !== 'postgresql') return;
  await requireImages();
  platform = await openPlatform();
  await platform.driver.prepare();
  teacher = await platform.signUp({ role: 'instructor', name: 'M. Leroy' });
  alice = await platform.signUp({ name: 'Alice Durand' });
  const created = await (await platform.call(createClassRoute, '/api/classes', { as: teacher, body: { name: 'BTS SIO 2' } })).json();
  const view = await (await platform.call(viewClassRoute, `/api/classes/${created.class.id}`, { as: teacher, params: { id: created.class.id } })).json();
  await platform.call(joinRoute, '/api/classes/join', { as: alice, body: { code: view.view.managed.joinCode } });
  const started = await platform.call(startRoute, `/api/labs/${LAB}/session`, { as: alice, method: 'POST', params: { slug: LAB } });
  sessionId = (await started.json()).session.id;

  // The replicas' events travel through a database of their own here (migrated: the adapter's table).
  events = await createTestDatabase();
  await (await events.open()).close();
  studentSide = await openWatchServer(platform, () => false, replicaAdapter(events.url ?? ''));
  watcherSide = await openWatchServer(platform, () => false, replicaAdapter(events.url ?? ''));
  // Each adapter learns of the other from its heartbeats.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
});

afterAll(async () => {
  await studentSide?.close();
  await watcherSide?.close();
  await Promise.all(pools.map((pool) => pool.end()));
  if (sessionId) await platform?.services.sessions.endSession(sessionId, 'test-cleanup').catch(() => undefined);
  await platform?.close();
  await events?.drop();
});

describe.runIf(TEST_ENGINE === 'postgresql')('the live view across two web replicas', () => {
  it('shows the student’s screen, size and end through another replica, and names the watcher to the student', async () => {
    const student = studentSide!.client(alice);
    student.socket.emit(TERMINAL_EVENTS.attach, { sessionId, cols: 100, rows: 30 });
    await ready(student.seen);
    student.socket.emit(TERMINAL_EVENTS.input, 'echo avant-$((40+2))\r');
    await expect.poll(() => student.seen.screen, { timeout: 15_000 }).toContain('avant-42');

    const watcher = watcherSide!.client(teacher);
    watcher.socket.emit(TERMINAL_EVENTS.watch, { sessionId });
    await ready(watcher.seen);
    // Its own tmux client, opened at the student's size: tmux draws the student's screen.
    expect(watcher.seen.sizes[0]).toEqual({ cols: 100, rows: 30 });
    await expect.poll(() => watcher.seen.screen, { timeout: 15_000 }).toContain('avant-42');
    await expect.poll(() => student.seen.watchers.at(-1), { timeout: 10_000 }).toEqual(['M. Leroy']);

    student.socket.emit(TERMINAL_EVENTS.input, 'echo pendant-$((6*7))\r');
    await expect.poll(() => watcher.seen.screen, { timeout: 15_000 }).toContain('pendant-42');
    student.socket.emit(TERMINAL_EVENTS.resize, { cols: 120, rows: 40 });
    await expect.poll(() => watcher.seen.sizes.at(-1), { timeout: 10_000 }).toEqual({ cols: 120, rows: 40 });

    // The session ends on the student's replica (as SessionService's onEnded says there):
    // the other replica closes its channel, and the watcher's terminal says the shell exited.
    studentSide!.gateway.replicas.sessionEnded(sessionId);
    await expect.poll(() => watcher.seen.statuses.at(-1)?.state, { timeout: 10_000 }).toBe('exited');
  });
});
