/**
 * The terminal gateway as server/main.ts mounts it, behind a real HTTP server on the
 * platform's real services, and terminal sockets opened as a browser opens them, recording
 * everything the server says: what the live view tests share.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, vi } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { attachTerminalGateway, type GatewayDeps, type TerminalGateway } from '@/server/terminal/gateway';
import { ShellHub } from '@/server/terminal/shell-hub';
import { TERMINAL_EVENTS, type ErrorEnvelope, type TerminalSize, type TerminalStatus, type WatchersNotice } from '@/server/terminal/events';
import type { Person, Platform } from '../platform-fixture';

export interface TerminalClient {
  socket: Socket;
  seen: {
    screen: string;
    statuses: TerminalStatus[];
    errors: ErrorEnvelope[];
    sizes: TerminalSize[];
    watchers: string[][];
    connectError: Error | null;
  };
}

export interface WatchServer {
  url: string;
  shells: ShellHub;
  gateway: TerminalGateway;
  /** A terminal socket with this person's cookies (none: a visitor). */
  client(person: Person | null): TerminalClient;
  close(): Promise<void>;
}

/**
 * `handle` answers other HTTP requests (the preview proxy); false lets them 404. `cluster`:
 * this server is one of several web replicas (socket.io's PostgreSQL adapter).
 */
export async function openWatchServer(
  platform: Platform,
  handle: (req: IncomingMessage, res: ServerResponse) => boolean = () => false,
  cluster?: GatewayDeps['cluster'],
): Promise<WatchServer> {
  const shells = new ShellHub(platform.driver, 60_000);
  const server = createServer((req, res) => {
    if (!handle(req, res)) res.writeHead(404).end();
  });
  const { services } = platform;
  const gateway = attachTerminalGateway(server, { callers: services.callers, sessions: services.sessions, shells, supervision: services.supervision, cluster });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sockets: Socket[] = [];

  return {
    url,
    shells,
    gateway,
    client(person) {
      const socket = connect(url, { path: '/socket.io', transports: ['websocket'], extraHeaders: person ? { cookie: person.cookie } : {}, reconnection: false });
      sockets.push(socket);
      const seen: TerminalClient['seen'] = { screen: '', statuses: [], errors: [], sizes: [], watchers: [], connectError: null };
      socket.on(TERMINAL_EVENTS.output, (chunk: string, drawn?: () => void) => {
        seen.screen += chunk;
        drawn?.();
      });
      socket.on(TERMINAL_EVENTS.screen, (whole: string, drawn?: () => void) => {
        seen.screen = whole;
        drawn?.();
      });
      socket.on(TERMINAL_EVENTS.status, (status: TerminalStatus) => seen.statuses.push(status));
      socket.on(TERMINAL_EVENTS.error, (envelope: ErrorEnvelope) => seen.errors.push(envelope));
      socket.on(TERMINAL_EVENTS.size, (size: TerminalSize) => seen.sizes.push(size));
      socket.on(TERMINAL_EVENTS.watchers, (notice: WatchersNotice) => seen.watchers.push(notice.names));
      socket.on('connect_error', (error) => (seen.connectError = error));
      return { socket, seen };
    },
    async close() {
      for (const socket of sockets) socket.disconnect();
      shells.detachAll();
      // A replica's adapter holds a database connection (LISTEN) until socket.io closes; io.close() closes the HTTP server too.
      if (cluster) await gateway.close();
      else await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Until the terminal says it is ready (vi.waitFor, unlike expect.poll, also serves in beforeAll). */
export const ready = (seen: { statuses: TerminalStatus[] }) =>
  vi.waitFor(() => expect(seen.statuses.map((s) => s.state)).toContain('ready'), { timeout: 15_000, interval: 50 });
