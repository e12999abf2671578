/**
 * The real Dockyard server, started as an operator would (`tsx server/main.ts`, production
 * build), on its own port, data folder and driver instance so that it never meets a running
 * Dockyard or another engineer's tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { sleep } from './stats';

export interface ServerOptions {
  port: number;
  dataDir: string;
  instance: string;
  maxSessions: number;
  /** Spare nodes kept ready (DOCKYARD_POOL_SIZE); 0 measures starts without the pool. */
  poolSize: number;
  logFile: string;
  /** Start on the database a previous run left (a restart), instead of a fresh one. */
  keepDatabase?: boolean;
  /** More settings for the server's environment (e.g. DOCKYARD_SANDBOX_SUBNETS). */
  env?: Record<string, string>;
}

export interface RunningServer {
  baseUrl: string;
  /** SIGTERM: the server shuts down cleanly. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash or `kill -9` would: the server cleans nothing up. */
  kill(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  // A fresh database each run: no session of an earlier bench counts against capacity. Node
  // disks stay: one still mounted after a killed run is the server's to remove.
  if (!options.keepDatabase) await rm(join(options.dataDir, 'db'), { recursive: true, force: true });
  await mkdir(dirname(options.logFile), { recursive: true });
  const log = createWriteStream(options.logFile);
  const child = spawn('npx', ['tsx', 'server/main.ts'], {
    // Own process group: stop() ends npx, tsx and node together, and only them.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(options.port),
      HOST: '127.0.0.1',
      DOCKYARD_DATA_DIR: options.dataDir,
      DOCKYARD_INSTANCE: options.instance,
      DOCKYARD_MAX_SESSIONS: String(options.maxSessions),
      DOCKYARD_MAX_SESSIONS_PER_USER: String(options.maxSessions),
      DOCKYARD_POOL_SIZE: String(options.poolSize),
      // Workshop mode: the bench's browser starts labs without signing up first.
      DOCKYARD_ANONYMOUS_LABS: 'true',
      ...options.env,
    },
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const server: RunningServer = { baseUrl, stop: () => stopChild(child), kill: () => killChild(child) };
  try {
    await waitUntilServing(child, baseUrl, 180_000, options.logFile);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return server;
}

async function waitUntilServing(child: ChildProcess, baseUrl: string, timeoutMs: number, logFile: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (code ${child.exitCode}): see ${logFile}`);
    const ok = await fetch(`${baseUrl}/`).then((r) => r.ok, () => false);
    if (ok) return;
    await sleep(500);
  }
  throw new Error(`the server did not answer within ${timeoutMs / 1000} s: see ${logFile}`);
}

/**
 * SIGTERM to the group (the server shuts down cleanly), SIGKILL if it lingers. npx exits at
 * once on the signal: wait for the whole group, the server's own clean-up (its spare nodes) included.
 */
async function stopChild(child: ChildProcess): Promise<void> {
  const group = processGroup(child);
  if (!group) return;
  group.signal('SIGTERM');
  const timedOut = await Promise.race([group.exited.then(() => group.gone(15_000)).then((gone) => !gone), sleep(15_000).then(() => true)]);
  if (timedOut) {
    group.signal('SIGKILL');
    await group.exited;
    await group.gone(5_000);
  }
}

async function killChild(child: ChildProcess): Promise<void> {
  const group = processGroup(child);
  if (!group) return;
  group.signal('SIGKILL');
  await group.exited;
  await group.gone(5_000);
}

/** The child's process group (npx, tsx and node), or undefined once it has exited. */
function processGroup(child: ChildProcess) {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return undefined;
  return {
    exited: new Promise<void>((resolve) => child.once('exit', () => resolve())),
    signal(signal: NodeJS.Signals) {
      try {
        process.kill(-pid, signal);
      } catch {
        // Already gone.
      }
    },
    /** Resolves true once no process of the group is left (signal 0 then fails), false after `ms`. */
    async gone(ms: number): Promise<boolean> {
      const deadline = Date.now() + ms;
      for (;;) {
        try {
          process.kill(-pid, 0);
        } catch {
          return true;
        }
        if (Date.now() > deadline) return false;
        await sleep(50);
      }
    },
  };
}
