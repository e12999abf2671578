/**
 * Issue 9, point 4: one socket that never reads, sending 1,500 `terminal:attach`, took the
 * server from 588 to 974 MiB (each attach replays the scrollback, up to 256 KiB, queued for a
 * client that never takes it). Real socket.io server and clients, a real sandbox's shell, and
 * an attacker speaking socket.io over bare TCP so that it can write without ever reading.
 * The server runs in this process: its memory is this process's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Server as SocketServer } from 'socket.io';
import type { Socket as ClientSocket } from 'socket.io-client';
import { CallerResolver } from '@/server/auth/caller-resolver';
import { OWNER_COOKIE, OwnerTokens } from '@/server/auth/owner-token';
import type { Database } from '@/server/db/database';
import { openTestDatabase } from '../integration/test-database';
import { findLabSpec } from '@/server/sessions/find-lab-spec';
import { SessionService } from '@/server/sessions/session-service';
import { SupervisionService } from '@/server/supervision/supervision-service';
import { TERMINAL_EVENTS } from '@/server/terminal/events';
import { attachTerminalGateway } from '@/server/terminal/gateway';
import { ShellHub } from '@/server/terminal/shell-hub';
import type { TerminalLimits } from '@/server/terminal/terminal-limits';
import { terminalClient } from '../integration/terminal/terminal-client';
import { requireImages } from '../integration/runtime/fixtures';
import { testDriver } from '../integration/runtime/test-driver';
import { rawTerminalSocket, type RawTerminalSocket } from './raw-terminal-socket';

const MIB = 1024 * 1024;
/** The unfixed server grew by hundreds of MiB under this attack. */
const FLAT_MIB = 50;
const ATTACHES = 1_500;

const owners = new OwnerTokens('test-secret-'.padEnd(40, 'x'));
const driver = testDriver();
const cookieOf = (ownerId: string) => `${OWNER_COOKIE}=${owners.issue(ownerId)}`;
let db: Database;
let sessions: SessionService;
let shells: ShellHub;
let sessionId: string;
const closers: Array<() => Promise<unknown> | void> = [];

/** `global.gc`, made available without restarting vitest with --expose-gc. */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** A terminal gateway of its own (its own per-user counts), on the shared sessions and shells. */
async function openGateway(limits?: Partial<TerminalLimits>): Promise<{ url: string; io: SocketServer }> {
  const server: HttpServer = createServer();
  // Workshop mode: the owner cookie identifies the browser, as in test/integration/terminal.
  const callers = new CallerResolver({ findUser: async () => null, owners, anonymousLabs: true });
  const io = attachTerminalGateway(server, { callers, sessions, shells, supervision: new SupervisionService({ prisma: db.prisma }), limits });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => io.close());
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, io };
}

function client(url: string, ownerId = 'alice') {
  const terminal = terminalClient(url, cookieOf(ownerId));
  closers.push(() => void terminal.socket.disconnect());
  return terminal;
}

/** The process's resident memory, sampled while `attack` runs: its baseline (after a GC) and its peak. */
async function memoryDuring(attack: () => Promise<void>): Promise<{ baselineMib: number; peakMib: number; growthMib: number }> {
  collectGarbage();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
  try {
    await attack();
  } finally {
    clearInterval(sampler);
  }
  peak = Math.max(peak, process.memoryUsage().rss);
  const figures = { baselineMib: baseline / MIB, peakMib: peak / MIB, growthMib: (peak - baseline) / MIB };
  console.info(`[mesure] mémoire du serveur : ${figures.baselineMib.toFixed(0)} → ${figures.peakMib.toFixed(0)} Mio au plus (+${figures.growthMib.toFixed(1)} Mio)`);
  return figures;
}

/** Sends `count` attaches from a socket that never reads, then watches for `seconds` (or until the server dropped it). */
async function floodAttaches(attacker: RawTerminalSocket, io: SocketServer, count: number, seconds: number): Promise<void> {
  for (let i = 0; i < count; i++) attacker.emit(TERMINAL_EVENTS.attach, { sessionId, cols: 80, rows: 24 });
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline && io.of('/').sockets.size > 0) await new Promise((resolve) => setTimeout(resolve, 100));
  // What the server had read before the drop is handled by now.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
}

beforeAll(async () => {
  await requireImages();
  db = await openTestDatabase();
  shells = new ShellHub(driver, 60_000);
  sessions = new SessionService({ prisma: db.prisma, driver, findLab: findLabSpec, onEnded: (id) => shells.closeSession(id) });
  sessionId = (await sessions.start('alice', 'premiers-pas')).id;
  // A full scrollback (256 KiB), replayed on every attach, as after a long session. Screens of
  // fresh text a little apart: a terminal multiplexer in the node sends each one, where it
  // would skip most of a fast `seq`.
  const { url } = await openGateway();
  const term = client(url);
  term.attach(sessionId);
  await term.waitForStatus('ready');
  term.type('for i in $(seq 1 150); do head -c 2400 /dev/urandom | base64 -w 0; echo; sleep 0.02; done; echo "fin-du-$((6*7))-remplissage"\r');
  await term.waitForText('fin-du-42-remplissage');
  console.info(`[mesure] sortie reçue pendant le remplissage : ${Math.round(term.screen().length / 1024)} Kio`);
  term.socket.disconnect();
});

afterAll(async () => {
  for (const close of closers.reverse()) await close();
  shells?.detachAll();
  if (sessionId) await sessions.endSession(sessionId, 'test-cleanup').catch(() => undefined);
  await db?.close();
});

describe('a terminal socket that never reads', () => {
  it('sends 1,500 attaches: the server’s memory stays flat, and it gets at most a minute’s worth of screens', async () => {
    const { url, io } = await openGateway();
    const attacker = await rawTerminalSocket(url, cookieOf('alice'));
    const { growthMib } = await memoryDuring(() => floodAttaches(attacker, io, ATTACHES, 10));
    expect(growthMib).toBeLessThan(FLAT_MIB);

    // What the attacker finds once it reads: a minute's worth of attaches, then refusals (unless it was dropped first).
    const { packets, closed } = await attacker.resume();
    const attached = packets.filter((packet) => packet.includes(`"${TERMINAL_EVENTS.status}"`) && packet.includes('"ready"')).length;
    expect(attached).toBeLessThanOrEqual(30);
    const refused = packets.some((packet) => packet.includes(`"${TERMINAL_EVENTS.error}"`) && packet.includes('Trop de connexions au terminal'));
    expect(refused || closed).toBe(true);
    attacker.destroy();
  });

  it('is dropped once its unsent output passes the cap, even when attaches are not limited', async () => {
    const { url, io } = await openGateway({ attachesPerMinute: 100_000 });
    const attacker = await rawTerminalSocket(url, cookieOf('alice'));
    const { growthMib } = await memoryDuring(() => floodAttaches(attacker, io, ATTACHES, 20));
    expect(growthMib).toBeLessThan(FLAT_MIB);
    expect(io.of('/').sockets.size).toBe(0);
    // The attacker sees its connection closed once it reads again.
    expect((await attacker.resume()).closed).toBe(true);

    // The shell is intact: the student's next terminal works.
    const term = client(url);
    term.attach(sessionId);
    await term.waitForStatus('ready');
    term.type('echo "toujours-$((40+2))"\r');
    await term.waitForText('toujours-42');
  });
});

describe('terminal limits per user', () => {
  it('refuses attaches past a minute’s worth, in French, saying when to retry', async () => {
    const { url } = await openGateway();
    const term = client(url);
    await new Promise<void>((resolve) => term.socket.on('connect', resolve));
    for (let i = 1; i <= 30; i++) {
      term.attach(sessionId);
      await waitFor(() => term.statuses.filter((status) => status.state === 'ready').length === i, `attache ${i}`);
    }
    term.attach(sessionId);
    const error = await term.waitForError();
    expect(error.message).toMatch(/^Trop de connexions au terminal en une minute : réessayez dans (\d+ secondes|1 minute)\./);
    // Another user is not affected.
    const other = client(url, 'bob');
    other.attach(sessionId);
    expect((await other.waitForError()).message).toMatch(/n'existe pas ou n'est plus active/);
  });

  it('refuses a socket past the open sockets a user may hold, and accepts one again once another closes', async () => {
    const { url, io } = await openGateway({ socketsPerUser: 3 });
    const open: ClientSocket[] = [];
    for (let i = 0; i < 3; i++) {
      const term = client(url);
      expect(await connection(term.socket)).toBe('connecté');
      open.push(term.socket);
    }
    expect(await connection(client(url).socket)).toMatch(/^Trop de terminaux ouverts en même temps \(3 au plus\) : fermez des onglets/);
    // Someone else still connects.
    expect(await connection(client(url, 'bob').socket)).toBe('connecté');

    open[0]?.disconnect();
    await waitFor(() => io.of('/').sockets.size === 3, 'le départ d’un des trois');
    expect(await connection(client(url).socket)).toBe('connecté');
  });
});

/** « connecté », or the message the server refused the socket with. */
function connection(socket: ClientSocket): Promise<string> {
  return new Promise((resolve) => {
    socket.on('connect', () => resolve('connecté'));
    socket.on('connect_error', (error) => resolve(error.message));
  });
}

async function waitFor(condition: () => boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`attendu : ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
