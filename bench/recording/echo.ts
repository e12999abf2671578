/**
 * Keystroke echo with and without the recorder, on the server's side of the terminal: a
 * socket.io client as the browser's (acknowledging each output as xterm.js does) types one
 * key at a time into a real Incus node through the real gateway and shell hub, and times the
 * key until its echo comes back. Two gateways on one database and one lab session, one whose
 * shell hub records and one that does not, measured in alternating rounds so that both meet
 * the same machine load. The browser's part (drawing) is the same for both: bench/run.ts
 * measures it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { io as connect, type Socket } from 'socket.io-client';
import type { PrismaClient } from '../../generated/prisma/client';
import type { SandboxDriver } from '../../runtime/driver';
import { CallerResolver } from '../../server/auth/caller-resolver';
import { OWNER_COOKIE, OwnerTokens } from '../../server/auth/owner-token';
import { setUpRecordings } from '../../server/recordings/recording-setup';
import type { SessionService } from '../../server/sessions/session-service';
import { SupervisionService } from '../../server/supervision/supervision-service';
import { TERMINAL_EVENTS, type TerminalStatus } from '../../server/terminal/events';
import { attachTerminalGateway } from '../../server/terminal/gateway';
import { ShellHub } from '../../server/terminal/shell-hub';
import { percentile } from '../lib/stats';

export interface EchoFigures {
  samples: number;
  withRecorder: { p50: number | null; p99: number | null };
  withoutRecorder: { p50: number | null; p99: number | null };
}

const LETTERS = 'abcdefghijklmnopqrstuvwyz';
const owners = new OwnerTokens('bench-secret-'.padEnd(40, 'x'));
const OWNER = 'bench-echo';

async function startGateway(deps: { prisma: PrismaClient; driver: SandboxDriver; sessions: SessionService; record: boolean }) {
  const recordings = setUpRecordings({ prisma: deps.prisma, keepDays: deps.record ? 30 : 0 });
  // A short grace: the other gateway's shell lets go of tmux between rounds.
  const shells = new ShellHub(deps.driver, 200, recordings.recorder);
  const server: Server = createServer();
  const io = attachTerminalGateway(server, {
    callers: new CallerResolver({ findUser: async () => null, owners, anonymousLabs: true }),
    sessions: deps.sessions,
    shells,
    supervision: new SupervisionService({ prisma: deps.prisma }),
    limits: { attachesPerMinute: 10_000, socketsPerUser: 1_000 },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async stop() {
      shells.detachAll();
      await recordings.recorder?.drain();
      await io.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Attaches, types `samples` keys one at a time, and returns each key's echo time in ms. */
async function typeAndTime(url: string, sessionId: string, samples: number): Promise<number[]> {
  const socket: Socket = connect(url, { path: '/socket.io', transports: ['websocket'], extraHeaders: { cookie: `${OWNER_COOKIE}=${owners.issue(OWNER)}` }, reconnection: false });
  let waiting: { char: string; resolve: () => void } | undefined;
  socket.on(TERMINAL_EVENTS.output, (chunk: string, drawn?: () => void) => {
    drawn?.();
    if (waiting && chunk.includes(waiting.char)) waiting.resolve();
  });
  const ready = new Promise<void>((resolve) => socket.on(TERMINAL_EVENTS.status, (status: TerminalStatus) => status.state === 'ready' && resolve()));
  socket.emit(TERMINAL_EVENTS.attach, { sessionId, cols: 120, rows: 32 });
  await ready;
  const times: number[] = [];
  try {
    for (let i = 0; i < samples; i += 1) {
      // A fresh line every 30 keys (Ctrl-U), as a student's commands are short.
      if (i % 30 === 0) {
        socket.emit(TERMINAL_EVENTS.input, '\u0015');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const char = LETTERS[i % LETTERS.length] as string;
      const echoed = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`pas d'écho de « ${char} » en 5 s`)), 5_000);
        waiting = { char, resolve: () => (clearTimeout(timer), resolve()) };
      });
      const started = performance.now();
      socket.emit(TERMINAL_EVENTS.input, char);
      await echoed;
      times.push(performance.now() - started);
      waiting = undefined;
      // A typist's pace: the next key after the echo, not on top of it.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    socket.emit(TERMINAL_EVENTS.input, '\u0015');
    socket.disconnect();
  }
  return times;
}

export async function measureEchoWithRecorder(deps: { prisma: PrismaClient; driver: SandboxDriver; sessions: SessionService }, samples = 1000, rounds = 10): Promise<EchoFigures> {
  const sessionId = (await deps.sessions.start(OWNER, 'premiers-pas')).id;
  const recording = await startGateway({ ...deps, record: true });
  const plain = await startGateway({ ...deps, record: false });
  const times = { with: [] as number[], without: [] as number[] };
  try {
    for (let round = 0; round < rounds; round += 1) {
      // Which goes first changes every round: neither always meets a warmer shell.
      const order = round % 2 === 0 ? (['with', 'without'] as const) : (['without', 'with'] as const);
      for (const which of order) {
        times[which].push(...(await typeAndTime(which === 'with' ? recording.url : plain.url, sessionId, samples / rounds)));
        await new Promise((resolve) => setTimeout(resolve, 400));
      }
    }
  } finally {
    await recording.stop();
    await plain.stop();
    await deps.sessions.endSession(sessionId, 'bench');
  }
  return {
    samples,
    withRecorder: { p50: percentile(times.with, 50), p99: percentile(times.with, 99) },
    withoutRecorder: { p50: percentile(times.without, 50), p99: percentile(times.without, 99) },
  };
}
