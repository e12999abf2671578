/**
 * The terminal gateway over a real socket.io connection to a real sandbox: authentication by
 * cookie, ownership, a shell that really runs commands, and the screen restored on reattach.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { testDriver } from '../runtime/test-driver';
import type { Database } from '@/server/db/database';
import { openTestDatabase } from '../test-database';
import { OwnerTokens, OWNER_COOKIE } from '@/server/auth/owner-token';
import { CallerResolver } from '@/server/auth/caller-resolver';
import { SessionService } from '@/server/sessions/session-service';
import { findLabSpec } from '@/server/sessions/find-lab-spec';
import { ShellHub } from '@/server/terminal/shell-hub';
import { SupervisionService } from '@/server/supervision/supervision-service';
import { attachTerminalGateway, whenSessionEnded, type TerminalGateway } from '@/server/terminal/gateway';
import { TERMINAL_EVENTS, type SessionEndedNotice } from '@/server/terminal/events';
import { endedMessage } from '@/server/sessions/end-reasons';
import { terminalClient, type TerminalClientOptions } from './terminal-client';
import { requireImages, TEST_INSTANCE } from '../runtime/fixtures';

const owners = new OwnerTokens('test-secret-'.padEnd(40, 'x'));
const driver = testDriver(TEST_INSTANCE);
let db: Database;
let sessions: SessionService;
let shells: ShellHub;
let server: Server;
let url: string;
let sessionId: string;
const sockets: Socket[] = [];

/** A terminal of `ownerId`'s browser, on the test's session unless another is named. */
function terminal(ownerId: string | null, options?: TerminalClientOptions, session?: string) {
  const client = terminalClient(url, ownerId ? `${OWNER_COOKIE}=${owners.issue(ownerId)}` : '', options);
  sockets.push(client.socket);
  return { ...client, attach: (cols?: number, rows?: number) => client.attach(session ?? sessionId, cols, rows) };
}

beforeAll(async () => {
  await requireImages();
  db = await openTestDatabase();
  shells = new ShellHub(driver, 60_000);
  // As server/main.ts does it.
  const terminals: { gateway?: TerminalGateway } = {};
  sessions = new SessionService({ prisma: db.prisma, driver, findLab: findLabSpec, onEnded: whenSessionEnded(shells, () => terminals.gateway) });
  server = createServer();
  // Workshop mode: the owner cookie identifies the browser (accounts: test/integration/accounts).
  terminals.gateway = attachTerminalGateway(server, { callers: new CallerResolver({ findUser: async () => null, owners, anonymousLabs: true }), sessions, shells, supervision: new SupervisionService({ prisma: db.prisma }) });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sessionId = (await sessions.start('alice', 'premiers-pas')).id;
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  shells?.detachAll();
  if (sessionId) await sessions.endSession(sessionId, 'test-cleanup').catch(() => undefined);
  await new Promise((resolve) => server?.close(resolve));
  await db?.close();
});

describe('terminal gateway', () => {
  it('runs what the owner types in their sandbox', async () => {
    const term = terminal('alice');
    term.attach();
    await term.waitForStatus('ready');
    term.type('echo he$((40+2))llo; cd /tmp\r');
    await term.waitForText('he42llo');
    term.socket.disconnect();
  });

  it('restores the screen and the same shell after a reconnect', async () => {
    const term = terminal('alice');
    term.attach();
    const ready = await term.waitForStatus('ready');
    expect(ready.restored).toBe(true);
    expect(term.screen()).toContain('he42llo');
    term.type('echo "ici=$(pwd)"\r');
    await term.waitForText('ici=/tmp');
  });

  it('refuses a socket without the owner cookie', async () => {
    const term = terminal(null);
    const error = await new Promise<Error>((resolve) => term.socket.on('connect_error', resolve));
    expect(error.message).toMatch(/identifié/);
  });

  it('refuses another owner’s session without revealing it exists', async () => {
    const term = terminal('mallory');
    term.attach();
    const error = await term.waitForError();
    expect(error.message).toMatch(/n'existe pas ou n'est plus active/);
    expect(term.statuses.some((s) => s.state === 'ready')).toBe(false);
  });

  it('refuses a terminal opened by a page elsewhere with the student’s cookie, and accepts Dockyard’s own pages', async () => {
    const open = (headers: Record<string, string>) =>
      new Promise<string>((resolve) => {
        const socket = connect(url, { path: '/socket.io', transports: ['websocket'], reconnection: false, extraHeaders: { cookie: `${OWNER_COOKIE}=${owners.issue('alice')}`, ...headers } });
        sockets.push(socket);
        socket.on('connect', () => resolve('connecté'));
        socket.on('connect_error', (error) => resolve(`refusé : ${error.message}`));
      });
    expect(await open({ origin: 'https://evil.example' })).toMatch(/^refusé/);
    expect(await open({ origin: 'null' })).toMatch(/^refusé/);
    expect(await open({ origin: url, 'sec-fetch-site': 'same-origin' })).toBe('connecté');
    expect(await open({ origin: url })).toBe('connecté');
  });

  it('answers an invalid attach request with the fields at fault', async () => {
    const term = terminal('alice');
    term.socket.emit(TERMINAL_EVENTS.attach, { sessionId, cols: 0, rows: 'beaucoup' });
    const error = await term.waitForError();
    expect(error.validations?.map((v) => v.path).sort()).toEqual(['cols', 'rows']);
  });

  it('sends a browser that is behind no more than the flow-control window, then the final screen', async () => {
    const term = terminal('alice', { acknowledge: false });
    term.attach();
    await term.waitForStatus('ready');
    const before = term.screen().length;
    term.type('clear; seq 1 300000; echo fin-du-$((2*3))-flot; touch /tmp/flot-fini\r');
    await new Promise((r) => setTimeout(r, 3_000));
    // About 2 MB went through the shell, but only what fits under the high-water mark came.
    const received = term.screen().length - before;
    expect(received).toBeGreaterThan(16 * 1024);
    expect(received).toBeLessThan(512 * 1024);
    // The shell is not held back by a slow browser: the node's tmux keeps its screen, and
    // the browser gets that screen, not every line that scrolled past.
    const { sandboxId: node } = await sessions.sandboxFor('alice', sessionId);
    expect((await driver.exec(node, ['test', '-e', '/tmp/flot-fini'])).exitCode).toBe(0);
    const catchingUp = setInterval(() => term.catchUp(), 20);
    await term.waitForText('fin-du-6-flot').finally(() => clearInterval(catchingUp));
    term.socket.disconnect();
  });

  it('tells the terminal when the lab ends', async () => {
    const term = terminal('alice');
    term.attach();
    await term.waitForStatus('ready');
    await sessions.end('alice', sessionId);
    await term.waitForStatus('exited');
  });

  it('tells the student why when their lab ends without them: its machine went down, time ran out', async () => {
    for (const reason of ['machine-down', 'expired']) {
      const session = await sessions.start('bob', 'premiers-pas');
      const term = terminal('bob', undefined, session.id);
      term.attach();
      await term.waitForStatus('ready');
      const told = new Promise<SessionEndedNotice>((resolve) => term.socket.once(TERMINAL_EVENTS.ended, resolve));
      await sessions.endSession(session.id, reason);
      expect((await told).message).toBe(endedMessage(reason));
      await term.waitForStatus('exited');
    }
    expect(endedMessage('machine-down')).toMatch(/ne répond plus/);
  });
});
