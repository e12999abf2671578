/**
 * A signed-in student's lab, on a real sandbox: the session is their account's, nobody else
 * reaches it over HTTP or over the terminal socket, and a socket without an account is
 * refused when workshop mode is off.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { GET as findSessionRoute, POST as startRoute } from '@/app/api/labs/[slug]/session/route';
import { DELETE as endRoute } from '@/app/api/sessions/[id]/route';
import { POST as checkRoute } from '@/app/api/sessions/[id]/checks/route';
import { POST as pauseRoute } from '@/app/api/sessions/[id]/pause/route';
import { POST as restoreRoute } from '@/app/api/sessions/[id]/restore/route';
import { attachTerminalGateway } from '@/server/terminal/gateway';
import { ShellHub } from '@/server/terminal/shell-hub';
import { TERMINAL_EVENTS, type ErrorEnvelope } from '@/server/terminal/events';
import { requireImages } from '../runtime/fixtures';
import { openPlatform, type Person, type Platform } from '../platform-fixture';

const LAB = 'premiers-pas';
let platform: Platform;
let shells: ShellHub;
let server: Server;
let url: string;
let alice: Person;
let mallory: Person;
let sessionId: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  await requireImages();
  platform = await openPlatform();
  await platform.driver.prepare();
  [alice, mallory] = await Promise.all([platform.signUp({ name: 'Alice' }), platform.signUp({ name: 'Mallory' })]);
  shells = new ShellHub(platform.driver, 60_000);
  server = createServer();
  attachTerminalGateway(server, { callers: platform.services.callers, sessions: platform.services.sessions, shells, supervision: platform.services.supervision });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  shells?.detachAll();
  await new Promise((resolve) => server?.close(resolve));
  await platform?.close();
});

/** A terminal socket as the lab page opens it; resolves with the first thing the server says. */
function openTerminal(cookie: string | undefined): Promise<{ socket: Socket; outcome: 'ready' | ErrorEnvelope | Error }> {
  const socket = connect(url, { path: '/socket.io', transports: ['websocket'], extraHeaders: cookie ? { cookie } : {}, reconnection: false });
  sockets.push(socket);
  return new Promise((resolve) => {
    socket.on('connect', () => socket.emit(TERMINAL_EVENTS.attach, { sessionId, cols: 80, rows: 24 }));
    socket.on('connect_error', (error) => resolve({ socket, outcome: error }));
    socket.on(TERMINAL_EVENTS.error, (envelope: ErrorEnvelope) => resolve({ socket, outcome: envelope }));
    socket.on(TERMINAL_EVENTS.status, (status: { state: string }) => status.state === 'ready' && resolve({ socket, outcome: 'ready' }));
  });
}

describe('a signed-in student’s lab', () => {
  it('starts for their account', async () => {
    const response = await platform.call(startRoute, `/api/labs/${LAB}/session`, { as: alice, method: 'POST', params: { slug: LAB } });
    expect(response.status).toBe(200);
    sessionId = (await response.json()).session.id;
    const row = await platform.db.prisma.labSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(row).toMatchObject({ ownerId: alice.id, userId: alice.id, state: 'running' });
  });

  it('opens its terminal for them, and runs what they type', async () => {
    const { socket, outcome } = await openTerminal(alice.cookie);
    expect(outcome).toBe('ready');
    let screen = '';
    socket.on(TERMINAL_EVENTS.output, (chunk: string, drawn?: () => void) => {
      screen += chunk;
      drawn?.();
    });
    socket.emit(TERMINAL_EVENTS.input, 'echo compte-$((6*7))\r');
    await expect.poll(() => screen, { timeout: 15_000 }).toContain('compte-42');
    socket.disconnect();
  });

  it('is out of reach of another student: HTTP and terminal answer as if it did not exist', async () => {
    const theirs = await platform.call(findSessionRoute, `/api/labs/${LAB}/session`, { as: mallory, params: { slug: LAB } });
    // Nor among their paused labs.
    expect(await theirs.json()).toMatchObject({ session: null, storage: { labs: [] } });
    const check = await platform.call(checkRoute, `/api/sessions/${sessionId}/checks`, { as: mallory, body: { step: 0 }, params: { id: sessionId } });
    expect(check.status).toBe(404);
    const end = await platform.call(endRoute, `/api/sessions/${sessionId}`, { as: mallory, method: 'DELETE', params: { id: sessionId } });
    expect(end.status).toBe(404);
    const pause = await platform.call(pauseRoute, `/api/sessions/${sessionId}/pause`, { as: mallory, method: 'POST', params: { id: sessionId } });
    expect(pause.status).toBe(404);
    const restore = await platform.call(restoreRoute, `/api/sessions/${sessionId}/restore`, { as: mallory, body: { step: 0 }, params: { id: sessionId } });
    expect(restore.status).toBe(404);

    const { outcome } = await openTerminal(mallory.cookie);
    expect(outcome).toMatchObject({ message: "Cette session de lab n'existe pas ou n'est plus active. Rechargez la page pour en démarrer une." });
    expect((await platform.db.prisma.labSession.findUniqueOrThrow({ where: { id: sessionId } })).state).toBe('running');
  });

  it('refuses a terminal to a browser without an account (workshop mode off)', async () => {
    const { cookie } = platform.anonymousBrowser();
    const { outcome } = await openTerminal(cookie);
    expect(outcome).toBeInstanceOf(Error);
    expect((outcome as Error).message).toMatch(/^Connectez-vous \(ou créez un compte\) pour démarrer ce lab/);
  });
});
