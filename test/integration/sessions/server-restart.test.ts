/**
 * The real server process killed with SIGKILL (a crash, `kill -9`) and started again on the
 * same data: the student's lab goes on in the same machine, and the very same shell comes
 * back (its variables, its background job, the command still running in the foreground, its
 * screen), because the shell lives in the node, not in the server. What the dead process left
 * behind (its warm pool's spare node) is removed. The student's node comes from the warm
 * pool: a spare claimed into the session. The server keeps its state in PostgreSQL when the
 * test command provides it (a database of the test's own, kept across the restart), else in
 * PGlite in its data folder.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodesOf, removeInstance, spareReady } from '@/bench/lib/docker-cli';
import { startServer, type RunningServer, type ServerOptions } from '@/bench/lib/server';
import { Student, LAB } from '@/bench/lib/student';
import { requireImages } from '../runtime/fixtures';
import { terminalClient } from '../terminal/terminal-client';
import { createTestDatabase, TEST_ENGINE, type TestDatabaseHome } from '../test-database';

const INSTANCE = 'restart-test';
const DATA_DIR = '.cache/restart-test-data';
const OPTIONS: ServerOptions = {
  port: 3170,
  dataDir: DATA_DIR,
  instance: INSTANCE,
  maxSessions: 4,
  poolSize: 1,
  logFile: '.cache/restart-test-server.log',
};

let server: RunningServer | undefined;
let database: TestDatabaseHome | undefined;

const spares = async () => (await nodesOf(INSTANCE)).filter((n) => n.config['user.dockyard.spare'] === 'true').map((n) => n.name);
const nodesOfSession = async (sessionId: string) =>
  (await nodesOf(INSTANCE)).filter((n) => n.config['user.dockyard.session'] === sessionId).map((n) => n.name);
const running = async () => (await nodesOf(INSTANCE)).filter((n) => n.status === 'Running').map((n) => n.name);

async function spareIsReady(): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (!(await spareReady(INSTANCE))) {
    if (Date.now() > deadline) throw new Error('aucune machine de réserve prête en 90 s');
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Opens the student's terminal, runs `command`, waits for `expected` on screen, and leaves. */
async function inTerminal(baseUrl: string, cookie: string, sessionId: string, command: string, expected: string): Promise<void> {
  const term = terminalClient(baseUrl, cookie);
  try {
    term.attach(sessionId);
    await term.waitForStatus('ready');
    term.type(`${command}\r`);
    await term.waitForText(expected);
  } finally {
    term.socket.disconnect();
  }
}

beforeAll(async () => {
  await requireImages();
  if (!existsSync('.next/BUILD_ID')) throw new Error('Ce test démarre le serveur de production : lancez d’abord `npm run build`.');
  await removeInstance(INSTANCE);
  if (TEST_ENGINE === 'postgresql') {
    database = await createTestDatabase();
    // With PostgreSQL a server refuses to start without a secret every replica shares.
    OPTIONS.env = { ...OPTIONS.env, DATABASE_URL: database.url ?? '', DOCKYARD_SECRET: 'un-secret-de-test-assez-long-pour-dockyard' };
  }
  server = await startServer(OPTIONS);
});

afterAll(async () => {
  await server?.stop();
  await removeInstance(INSTANCE);
  await database?.drop();
});

describe('a server killed with SIGKILL and started again', () => {
  it('keeps the student’s machine and the very same shell, and removes what the dead process left', async () => {
    await spareIsReady();
    const baseUrl = `http://127.0.0.1:${OPTIONS.port}`;
    const student = new Student(baseUrl);
    const session = await student.startLab();
    const cookie = student.cookieHeader();

    await inTerminal(baseUrl, cookie, session.id, 'echo avant-le-crash > /root/preuve; echo ecrit-$((20+1))', 'ecrit-21');
    // A variable, a background job, and a long command in the foreground, running when the server dies.
    const before = terminalClient(baseUrl, cookie);
    before.attach(session.id);
    await before.waitForStatus('ready');
    before.type('export MARQUE=$((40+2)); sleep 4242 & for i in $(seq 1 900); do echo tic-$i; sleep 0.2; done\r');
    await before.waitForText('tic-5');
    // The pool made a new spare for the next student: the killed server leaves it behind.
    await spareIsReady();
    const [leftSpare] = await spares();
    const [studentNode] = await nodesOfSession(session.id);
    expect(leftSpare).toBeDefined();
    expect(studentNode).toBeDefined();

    await server?.kill();
    before.socket.disconnect();
    expect(await running()).toEqual(expect.arrayContaining([studentNode, leftSpare]));

    // Same data folder and database: what a restarted service finds.
    server = await startServer({ ...OPTIONS, keepDatabase: true });
    const view = await student.call<{ session: { id: string; state: string } | null }>('GET', `/api/labs/${LAB}/session`);
    expect(view.body.session).toMatchObject({ id: session.id, state: 'running' });

    const after = terminalClient(baseUrl, cookie);
    try {
      after.attach(session.id);
      await after.waitForStatus('ready');
      // The screen comes back with the loop's lines, and the loop is still counting.
      const seen = () => Math.max(0, ...[...after.screen().matchAll(/tic-(\d+)/g)].map((m) => Number(m[1])));
      await after.waitForText('tic-');
      const first = seen();
      await new Promise((r) => setTimeout(r, 1_500));
      expect(seen()).toBeGreaterThan(first);
      after.type('\x03');
      // Ctrl-C also flushes the input the terminal holds: type once the loop has stopped counting.
      let last = -1;
      await expect.poll(async () => {
        const now = seen();
        const stopped = now === last;
        last = now;
        return stopped;
      }, { timeout: 15_000, interval: 1_200 }).toBe(true);
      after.type('echo "marque=$MARQUE"; jobs; cat /root/preuve\r');
      await after.waitForText('marque=42');
      await after.waitForText('sleep 4242');
      await after.waitForText('avant-le-crash');
    } finally {
      after.socket.disconnect();
    }

    await spareIsReady();
    expect(await nodesOfSession(session.id)).toEqual([studentNode]);
    expect(await spares()).not.toContain(leftSpare);
    expect(await spares()).toHaveLength(1);
  });
});
