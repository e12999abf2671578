/**
 * A lab terminal recorded through the real gateway, a real socket.io client and a real Incus
 * node, into the real (embedded) database: what the student typed, what the shell printed and
 * the resizes come back in the .cast in the order they happened, across a restart of the
 * server (a second gateway on the same database finds the same shell in tmux and goes on
 * recording the same terminal).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallerResolver } from '@/server/auth/caller-resolver';
import { OWNER_COOKIE, OwnerTokens } from '@/server/auth/owner-token';
import type { Database } from '@/server/db/database';
import { assembleCast } from '@/server/recordings/asciicast';
import { setUpRecordings, type Recordings } from '@/server/recordings/recording-setup';
import { RecordingStore } from '@/server/recordings/recording-store';
import { findLabSpec } from '@/server/sessions/find-lab-spec';
import { SessionService } from '@/server/sessions/session-service';
import { SupervisionService } from '@/server/supervision/supervision-service';
import { attachTerminalGateway, type TerminalGateway } from '@/server/terminal/gateway';
import { TERMINAL_EVENTS } from '@/server/terminal/events';
import { ShellHub } from '@/server/terminal/shell-hub';
import { requireImages, TEST_INSTANCE } from '../runtime/fixtures';
import { testDriver } from '../runtime/test-driver';
import { openTestDatabase } from '../test-database';
import { terminalClient, type TerminalClient } from '../terminal/terminal-client';

const owners = new OwnerTokens('test-secret-'.padEnd(40, 'x'));
const driver = testDriver(TEST_INSTANCE);
let db: Database;
let sessions: SessionService;
let sessionId: string;
const clients: TerminalClient[] = [];

/** One Dockyard server: its own shell hub, recorder and gateway, on the shared database. */
interface TestServer {
  url: string;
  shells: ShellHub;
  recordings: Recordings;
  stop(): Promise<void>;
}

async function startServer(): Promise<TestServer> {
  const recordings = setUpRecordings({ prisma: db.prisma, keepDays: 30, log: (message) => console.warn(message) });
  const shells = new ShellHub(driver, 60_000, recordings.recorder);
  const server: Server = createServer();
  const gateway: TerminalGateway = attachTerminalGateway(server, {
    callers: new CallerResolver({ findUser: async () => null, owners, anonymousLabs: true }),
    sessions,
    shells,
    supervision: new SupervisionService({ prisma: db.prisma }),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    shells,
    recordings,
    // As server/main.ts stops: shells left running in their node, the last pieces written.
    async stop() {
      shells.detachAll();
      await recordings.recorder?.drain();
      await gateway.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function terminalOf(server: TestServer): TerminalClient {
  const client = terminalClient(server.url, `${OWNER_COOKIE}=${owners.issue('alice')}`);
  clients.push(client);
  return client;
}

beforeAll(async () => {
  await requireImages();
  db = await openTestDatabase();
  sessions = new SessionService({ prisma: db.prisma, driver, findLab: findLabSpec });
  sessionId = (await sessions.start('alice', 'premiers-pas')).id;
});

afterAll(async () => {
  for (const client of clients) client.socket.disconnect();
  if (sessionId) await sessions.endSession(sessionId, 'test-cleanup').catch(() => undefined);
  await db?.close();
});

/** The cast as one line of text: input as ⟨i:…⟩, resizes as ⟨r:…⟩, output as printed. */
function timeline(cast: string): { text: string; times: number[] } {
  const [, ...lines] = cast.trimEnd().split('\n');
  const events = lines.map((line) => JSON.parse(line) as [number, string, string]);
  const text = events.map(([, code, data]) => (code === 'o' ? data : `⟨${code}:${data}⟩`)).join('');
  return { text, times: events.map(([time]) => time) };
}

describe('terminal recordings', () => {
  it('keep typed input, output and resizes in order, across a server restart', async () => {
    const first = await startServer();
    const term = terminalOf(first);
    term.attach(sessionId, 100, 30);
    await term.waitForStatus('ready');
    term.type('echo re$((40+2))cord\r');
    await term.waitForText('re42cord');
    term.socket.emit(TERMINAL_EVENTS.resize, { cols: 120, rows: 40 });
    term.type('echo taille-$((119+1))\r');
    await term.waitForText('taille-120');
    term.socket.disconnect();
    await first.stop();

    // Another server (a restart, or another replica) finds the same shell in the node.
    const second = await startServer();
    const again = terminalOf(second);
    again.attach(sessionId, 90, 25);
    await again.waitForStatus('ready');
    again.type('echo apres-$((6*7))\r');
    await again.waitForText('apres-42');
    again.socket.disconnect();
    await second.stop();

    const store = new RecordingStore(db.prisma);
    expect(await store.recordedNodes(sessionId)).toHaveLength(1);
    const [node] = await store.recordedNodes(sessionId);
    const cast = assembleCast(await store.pieces(sessionId, node!));
    const header = JSON.parse(cast.split('\n')[0]!) as { width: number; height: number };
    expect(header).toMatchObject({ width: 100, height: 30 });
    const { text, times } = timeline(cast);
    const order = ['⟨r:100x30⟩', '⟨i:echo re$((40+2))cord\r⟩', '\nre42cord', '⟨r:120x40⟩', '⟨i:echo taille-$((119+1))\r⟩', '\ntaille-120', '⟨r:90x25⟩', '⟨i:echo apres-$((6*7))\r⟩', '\napres-42'];
    const positions = order.map((part) => text.indexOf(part));
    expect(positions.every((position) => position >= 0), `${JSON.stringify(order)} dans ${JSON.stringify(text)}`).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // Two servers wrote pieces of the same terminal.
    const writers = await db.prisma.recordingChunk.findMany({ where: { sessionId }, distinct: ['writer'], select: { writer: true } });
    expect(writers).toHaveLength(2);
  });
});
