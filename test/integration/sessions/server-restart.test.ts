/**
 * The real server process killed with SIGKILL (a crash, `kill -9`) and started again on the
 * same data: the student's lab goes on in the same machine (their files are there, their
 * terminal reattaches), and what the dead process left behind (its warm pool's spare node) is
 * removed. The student's node comes from the warm pool, the path where the session is not
 * written on the container's labels.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, removeInstance, removeNodeDisks, spareReady } from '@/bench/lib/docker-cli';
import { startServer, type RunningServer, type ServerOptions } from '@/bench/lib/server';
import { Student, LAB } from '@/bench/lib/student';
import { requireImages } from '../runtime/fixtures';
import { terminalClient } from '../terminal/terminal-client';

const INSTANCE = 'restart-test';
const DATA_DIR = '.cache/restart-test-data';
const OPTIONS: ServerOptions = {
  port: 3170,
  dataDir: DATA_DIR,
  instance: INSTANCE,
  maxSessions: 4,
  poolSize: 1,
  logFile: '.cache/restart-test-server.log',
  env: { DOCKYARD_SANDBOX_SUBNETS: '10.222.0.0/16' },
};

let server: RunningServer | undefined;

const containersOf = async (filter: string) =>
  (await docker(['ps', '-aq', '--no-trunc', '--filter', `label=dockyard.instance=${INSTANCE}`, '--filter', filter])).split('\n').filter(Boolean);
const spares = () => containersOf('name=dockyard-spare-');

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
  server = await startServer(OPTIONS);
});

afterAll(async () => {
  await server?.stop();
  await removeInstance(INSTANCE);
  await removeNodeDisks(join(DATA_DIR, 'disks', INSTANCE));
});

describe('a server killed with SIGKILL and started again', () => {
  it('keeps the student’s lab running in the same machine, and removes what the dead process left', async () => {
    await spareIsReady();
    const baseUrl = `http://127.0.0.1:${OPTIONS.port}`;
    const student = new Student(baseUrl);
    const session = await student.startLab();
    const cookie = student.cookieHeader();

    await inTerminal(baseUrl, cookie, session.id, 'echo avant-le-crash > /root/preuve; echo ecrit-$((20+1))', 'ecrit-21');
    // The pool made a new spare for the next student: the killed server leaves it behind.
    await spareIsReady();
    const [leftSpare] = await spares();
    const studentNode = (await containersOf(`name=dockyard-${session.id}`))[0];
    expect(leftSpare).toBeDefined();
    expect(studentNode).toBeDefined();

    await server?.kill();
    expect(await containersOf('status=running')).toEqual(expect.arrayContaining([studentNode, leftSpare]));

    // Same data folder and database: what a restarted service finds.
    server = await startServer({ ...OPTIONS, keepDatabase: true });
    const view = await student.call<{ session: { id: string; state: string } | null }>('GET', `/api/labs/${LAB}/session`);
    expect(view.body.session).toMatchObject({ id: session.id, state: 'running' });

    await inTerminal(baseUrl, cookie, session.id, 'cat /root/preuve', 'avant-le-crash');

    await spareIsReady();
    expect(await containersOf(`name=dockyard-${session.id}`)).toEqual([studentNode]);
    expect(await spares()).not.toContain(leftSpare);
    expect(await spares()).toHaveLength(1);
  });
});
