/**
 * HAProxy from Debian in front of the test's replicas (haproxy.cfg beside this file), in the
 * foreground of a process of the test's own, and what it says about its servers: which one
 * holds the open connections (a terminal's websocket) and which ones it counts as up.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';

const CONFIG = fileURLToPath(new URL('haproxy.cfg', import.meta.url));

export interface LoadBalancer {
  url: string;
  /** Open connections per server name (replica-a, replica-b) and whether HAProxy counts it up. */
  servers(): Promise<Record<string, { open: number; up: boolean }>>;
  stop(): Promise<void>;
}

export async function startLoadBalancer(opts: { port: number; replicas: [number, number]; logFile: string }): Promise<LoadBalancer> {
  const stats = `/tmp/dockyard-replicas-test-${process.pid}.sock`;
  const child: ChildProcess = spawn('haproxy', ['-f', CONFIG, '-db'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DOCKYARD_LB_PORT: String(opts.port),
      DOCKYARD_LB_STATS: stats,
      DOCKYARD_REPLICA_A_PORT: String(opts.replicas[0]),
      DOCKYARD_REPLICA_B_PORT: String(opts.replicas[1]),
    },
  });
  const log = createWriteStream(opts.logFile);
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lb: LoadBalancer = {
    url: `http://127.0.0.1:${opts.port}`,
    servers: async () => {
      const csv = await ask(stats, 'show stat');
      const [header, ...rows] = csv.replace(/^# /, '').trim().split('\n').map((line) => line.split(','));
      const column = (name: string) => header?.indexOf(name) ?? -1;
      return Object.fromEntries(
        rows
          .filter((row) => row[column('pxname')] === 'replicas' && row[column('svname')]?.startsWith('replica-'))
          .map((row) => [row[column('svname')], { open: Number(row[column('scur')]), up: row[column('status')] === 'UP' }]),
      );
    },
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      // HAProxy leaves its stats socket behind.
      await rm(stats, { force: true });
    },
  };
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`haproxy s'est arrêté (code ${child.exitCode}) : voir ${opts.logFile}`);
    if (await lb.servers().then(() => true, () => false)) return lb;
    if (Date.now() > deadline) throw new Error(`haproxy ne répond pas : voir ${opts.logFile}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** One command on HAProxy's stats socket, its whole answer. */
function ask(socketPath: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath, () => socket.end(`${command}\n`));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}
