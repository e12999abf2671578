/**
 * Two real server processes (web replicas) on one PostgreSQL, behind HAProxy from Debian
 * (round robin, no sticky sessions), sharing DOCKYARD_SECRET, started at the same moment on an
 * empty database (so they also migrate it at once). A student starts a lab and opens its
 * terminal through the balancer; a check works through either replica; the replica serving
 * the terminal is killed with SIGKILL while the student types and a command keeps printing;
 * the client, as the browser does, reconnects through the balancer, reaches the other replica
 * and finds the same shell (a variable set before, its screen, the command still counting).
 * The reaper and the warm pool run on one replica only (PostgreSQL's locks and the logs say
 * which; one spare in Incus, not two) and pass to the survivor. Nothing is left behind.
 * Needs PostgreSQL: ./dockyard test provides it (TEST_DATABASE_URL).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodesOf, removeInstance } from '@/bench/lib/docker-cli';
import { startServer, type RunningServer, type ServerOptions } from '@/bench/lib/server';
import { Student } from '@/bench/lib/student';
import { leaseHolders } from '@/server/cluster/leases';
import { TERMINAL_EVENTS, type TerminalStatus } from '@/server/terminal/events';
import { requireImages, TEST_INSTANCE } from '../runtime/fixtures';
import { createTestDatabase, TEST_ENGINE, type TestDatabaseHome } from '../test-database';
import { startLoadBalancer, type LoadBalancer } from './load-balancer';

const INSTANCE = `${TEST_INSTANCE}-replicas`;
const LB_PORT = 3190;
const PORTS = { 'replica-a': 3191, 'replica-b': 3192 } as const;
type Replica = keyof typeof PORTS;
const SECRET = 'un-secret-partage-par-les-deux-repliques-du-test';
const LOGS = { 'replica-a': '.cache/replicas-test/replica-a.log', 'replica-b': '.cache/replicas-test/replica-b.log' } as const;

const replicas: Partial<Record<Replica, RunningServer>> = {};
let database: TestDatabaseHome | undefined;
let pool: pg.Pool | undefined;
let lb: LoadBalancer | undefined;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const other = (replica: Replica): Replica => (replica === 'replica-a' ? 'replica-b' : 'replica-a');
const spares = async () => (await nodesOf(INSTANCE)).filter((n) => n.config['user.dockyard.spare'] === 'true');
const leaseLines = async (replica: Replica, lease: string) =>
  (await readFile(LOGS[replica], 'utf8')).split('\n').filter((line) => line.includes(`bail « ${lease} » obtenu`));

function options(replica: Replica, env: Record<string, string>): ServerOptions {
  return {
    port: PORTS[replica],
    dataDir: `.cache/replicas-test/${replica}`,
    instance: INSTANCE,
    maxSessions: 4,
    poolSize: 1,
    logFile: LOGS[replica],
    env: { DOCKYARD_SECRET: SECRET, DOCKYARD_TRUST_PROXY: 'true', ...env },
  };
}

/** A terminal as the browser holds it: it reconnects on its own (socket.io's defaults) and attaches again. */
function browserTerminal(url: string, cookie: string, sessionId: string) {
  const socket = connect(url, { path: '/socket.io', transports: ['websocket'], extraHeaders: { cookie } });
  let screen = '';
  const statuses: Array<TerminalStatus & { at: number }> = [];
  const connects: number[] = [];
  socket.on('connect', () => {
    connects.push(Date.now());
    socket.emit(TERMINAL_EVENTS.attach, { sessionId, cols: 100, rows: 30 });
  });
  socket.on(TERMINAL_EVENTS.output, (chunk: string, drawn?: () => void) => {
    screen += chunk;
    drawn?.();
  });
  socket.on(TERMINAL_EVENTS.status, (status: TerminalStatus) => statuses.push({ ...status, at: Date.now() }));
  return {
    socket,
    connects,
    statuses,
    screen: () => screen,
    type: (text: string) => socket.emit(TERMINAL_EVENTS.input, text),
    /** The highest `tic-N` printed so far. */
    lastTic: () => Math.max(0, ...[...screen.matchAll(/tic-(\d+)/g)].map((m) => Number(m[1]))),
    waitFor: async (check: () => boolean, what: string, ms = 20_000) => {
      const deadline = Date.now() + ms;
      while (!check()) {
        if (Date.now() > deadline) throw new Error(`attendu : ${what}\nécran : ${screen.slice(-2000)}`);
        await sleep(20);
      }
    },
  };
}

/** The replica HAProxy sent the terminal's websocket to: the one holding the one open connection. */
async function servingReplica(): Promise<Replica> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const servers = await lb!.servers();
    const serving = (Object.keys(PORTS) as Replica[]).filter((name) => (servers[name]?.open ?? 0) > 0);
    if (serving.length === 1) return serving[0]!;
    // A connection just closed may still be counted for a moment.
    if (Date.now() > deadline) throw new Error(`connexions ouvertes par serveur : ${JSON.stringify(servers)}`);
    await sleep(50);
  }
}

beforeAll(async () => {
  if (TEST_ENGINE !== 'postgresql') return;
  await requireImages();
  if (!existsSync('.next/BUILD_ID')) throw new Error('Ce test démarre le serveur de production : lancez d’abord `npm run build`.');
  await removeInstance(INSTANCE);
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  const env = { DATABASE_URL: database.url ?? '' };
  // Both at once, on an empty database: one migrates, the other waits for it.
  const [a, b] = await Promise.allSettled([startServer(options('replica-a', env)), startServer(options('replica-b', env))]);
  if (a.status === 'fulfilled') replicas['replica-a'] = a.value;
  if (b.status === 'fulfilled') replicas['replica-b'] = b.value;
  for (const started of [a, b]) if (started.status === 'rejected') throw started.reason;
  lb = await startLoadBalancer({ port: LB_PORT, replicas: [PORTS['replica-a'], PORTS['replica-b']], logFile: '.cache/replicas-test/haproxy.log' });
  // HAProxy counts a server up after two good checks.
  const deadline = Date.now() + 10_000;
  while (Object.values(await lb.servers()).filter((s) => s.up).length < 2) {
    if (Date.now() > deadline) throw new Error(`HAProxy ne voit pas les deux serveurs : ${JSON.stringify(await lb.servers())}`);
    await sleep(100);
  }
});

afterAll(async () => {
  await Promise.all(Object.values(replicas).map((server) => server.stop()));
  await lb?.stop();
  // A spare still starting (Incus: « busy running a start operation ») is removed once started.
  for (let attempt = 1; ; attempt += 1) {
    const removed = await removeInstance(INSTANCE).then(() => true, (error: Error) => (attempt >= 10 ? Promise.reject(error) : false));
    if (removed) break;
    await sleep(2_000);
  }
  await pool?.end();
  await database?.drop();
});

describe.runIf(TEST_ENGINE === 'postgresql')('two web replicas behind a load balancer', () => {
  it('serve one student from either replica, and the same shell after the one serving it is killed', async () => {
    const student = new Student(lb!.url);
    const session = await student.startLab();
    const cookie = student.cookieHeader();

    // A check through each replica: same secret (the owner cookie), same database, same Incus.
    for (const replica of Object.keys(PORTS) as Replica[]) {
      const direct = new Student(`http://127.0.0.1:${PORTS[replica]}`, cookie);
      const check = await direct.call<{ attempt?: { step: number } }>('POST', `/api/sessions/${session.id}/checks`, { step: 0 });
      expect(check.status, replica).toBe(200);
      expect(check.body.attempt?.step).toBe(0);
    }

    // Each lease has one holder, and the pool one spare in Incus: one replica keeps it.
    const holders = await leaseHolders(pool!);
    expect(Object.keys(holders).sort()).toEqual(['lab-health', 'pool', 'reaper']);
    const replicaOf = (holder: string | undefined) => (Object.keys(PORTS) as Replica[]).find((r) => holder?.endsWith(`:${PORTS[r]}`));
    const reaperHolder = replicaOf(holders.reaper);
    const poolHolder = replicaOf(holders.pool);
    expect(reaperHolder).toBeDefined();
    expect(poolHolder).toBeDefined();
    expect(await leaseLines(reaperHolder!, 'reaper')).toHaveLength(1);
    expect(await leaseLines(other(reaperHolder!), 'reaper')).toHaveLength(0);
    await expect.poll(async () => (await spares()).length, { timeout: 60_000 }).toBe(1);

    // The terminal through the balancer, on the replica holding the reaper's lease (round robin:
    // a new connection goes to the other one), so that one kill proves the shell's reattach and
    // the leases' passing on. Then a variable, and a command that keeps printing.
    let term = browserTerminal(lb!.url, cookie, session.id);
    try {
      await term.waitFor(() => term.statuses.some((s) => s.state === 'ready'), 'le terminal prêt');
      for (let tries = 1; (await servingReplica()) !== reaperHolder; tries += 1) {
        if (tries > 4) throw new Error('le répartiteur n’envoie jamais le terminal au serveur qui fait le ménage');
        term.socket.disconnect();
        term = browserTerminal(lb!.url, cookie, session.id);
        await term.waitFor(() => term.statuses.some((s) => s.state === 'ready'), 'le terminal prêt');
      }
      term.type('export MARQUE=$((40+2)); for i in $(seq 1 2000); do echo tic-$i; sleep 0.1; done\r');
      await term.waitFor(() => term.lastTic() >= 5, 'tic-5');
      const serving = await servingReplica();
      const oldSpares = (await spares()).map((n) => n.name);

      // Killed while the student types (keystrokes every 50 ms) and the loop prints.
      const typing = setInterval(() => term.type('x'), 50);
      await sleep(300);
      const ticBefore = term.lastTic();
      const connectsBefore = term.connects.length;
      const killedAt = Date.now();
      await replicas[serving]!.kill();
      delete replicas[serving];
      const survivor = other(serving);
      // Watched from now on, while the student reconnects: when the survivor holds every lease.
      const leasesMoved = (async () => {
        while (Object.values(await leaseHolders(pool!)).filter((h) => replicaOf(h) === survivor).length < 3) {
          if (Date.now() - killedAt > 20_000) throw new Error(`baux non repris : ${JSON.stringify(await leaseHolders(pool!))}`);
          await sleep(50);
        }
        return Date.now();
      })();
      await term.waitFor(() => term.connects.length > connectsBefore, 'une reconnexion', 30_000);
      const reconnectedAt = term.connects.at(-1)!;
      await term.waitFor(() => term.statuses.some((s) => s.state === 'ready' && s.at > killedAt), 'le terminal prêt à nouveau', 30_000);
      const readyAt = term.statuses.find((s) => s.state === 'ready' && s.at > killedAt)!.at;
      // The same shell: the loop printed on meanwhile, and goes on.
      await term.waitFor(() => term.lastTic() > ticBefore + 5, 'la boucle qui continue', 30_000);
      const countingAt = Date.now();
      clearInterval(typing);
      expect(await servingReplica()).toBe(other(serving));

      term.type('\x03');
      term.type('clear; echo "marque=$MARQUE"\r');
      await term.waitFor(() => term.screen().includes('marque=42'), 'marque=42');
      console.log(
        `[replicas] ${serving} tué : reconnecté en ${reconnectedAt - killedAt} ms, terminal prêt en ${readyAt - killedAt} ms, ` +
          `même shell qui compte (tic > ${ticBefore + 5}) en ${countingAt - killedAt} ms`,
      );
      expect(readyAt - killedAt).toBeLessThan(10_000);

      // The survivor holds every lease within seconds (the killed one's connection is gone).
      const leasedAt = await leasesMoved;
      expect(Object.values(await leaseHolders(pool!)).map(replicaOf)).toEqual([survivor, survivor, survivor]);
      expect(await leaseLines(survivor, 'reaper')).toHaveLength(1);
      expect(await leaseLines(survivor, 'pool')).toHaveLength(1);
      console.log(`[replicas] baux « reaper », « pool » et « lab-health » tenus par ${survivor} ${leasedAt - killedAt} ms après la mort de ${serving}`);
      // One spare still, the survivor's: if the killed one kept the pool, its spare was removed
      // and the survivor made one of its own; if the survivor kept it already, it stays.
      const replaced = poolHolder === serving;
      await expect.poll(async () => (await spares()).map((n) => !oldSpares.includes(n.name)), { timeout: 60_000 }).toEqual([replaced]);

      // A check through the balancer still works (the survivor answers).
      const check = await student.call<{ attempt?: unknown }>('POST', `/api/sessions/${session.id}/checks`, { step: 0 });
      expect(check.status).toBe(200);

      // The student ends the lab; the survivor stops cleanly: nothing of the test is left in Incus.
      await student.endSession(session.id);
      await term.waitFor(() => term.statuses.at(-1)?.state === 'exited', 'le terminal fermé');
    } finally {
      term.socket.disconnect();
    }
    const survivor = Object.values(replicas)[0];
    await survivor?.stop();
    for (const key of Object.keys(replicas)) delete replicas[key as Replica];
    expect(await nodesOf(INSTANCE)).toEqual([]);
  });
});
