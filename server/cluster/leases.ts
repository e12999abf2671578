/**
 * Leases: work that must run on one server only, whichever of the replicas sharing the
 * database it is — the reaper, the warm pool and the nightly lab tests' schedule. A lease is a session-level advisory lock
 * (server/db/advisory-locks.ts) held on a connection of its own, which nothing else uses:
 * - every `everyMs` the keeper checks that connection with a round trip, and tries for the
 *   leases it lacks (`pg_try_advisory_lock`: never waits), so that a server takes over within
 *   seconds once the holder is gone;
 * - a holder killed (SIGKILL, a crash) loses its leases at once: the kernel closes its socket
 *   and PostgreSQL its session; a holder whose machine vanished loses them when PostgreSQL's
 *   keepalives give up on its connection (5 s idle, then 3 probes 2 s apart: about 11 s);
 * - a holder that cannot reach the database for `timeoutMs` drops its connection and calls
 *   `lost()` before the database frees the lock (5 s < 11 s), so two servers never both act.
 * The holders are visible in PostgreSQL: pg_locks (advisory, classid = LOCK_SPACE.fixed)
 * joined with pg_stat_activity, whose application_name names the replica (docs/operations.md).
 */
import pg from 'pg';
import { FIXED_LOCKS, lockKeys, type FixedLock } from '../db/advisory-locks';

export type LeaseName = Extract<FixedLock, 'reaper' | 'pool' | 'lab-health'>;

export interface LeaseHandlers {
  /** This server holds the lease now: start the work. */
  acquired(): void | Promise<void>;
  /** It lost it (its connection to the database failed): stop the work at once. */
  lost(): void;
}

export interface Leases {
  add(name: LeaseName, handlers: LeaseHandlers): void;
  /** Tries for every lease once (the start-up then knows what it holds), then keeps trying. */
  start(): Promise<void>;
  holds(name: LeaseName): boolean;
  /** Lets go of every lease (by closing the connection); the handlers are not called. */
  stop(): Promise<void>;
}

/** One process on PGlite: it holds every lease from the start. */
export function localLeases(): Leases {
  const handlers = new Map<LeaseName, LeaseHandlers>();
  let started = false;
  return {
    add: (name, lease) => void handlers.set(name, lease),
    start: async () => {
      started = true;
      for (const lease of handlers.values()) await lease.acquired();
    },
    holds: (name) => started && handlers.has(name),
    stop: async () => void (started = false),
  };
}

export interface PostgresLeasesOptions {
  url: string;
  /** Names this server in pg_stat_activity and in the logs (host:port). */
  replica: string;
  log: (message: string) => void;
  everyMs?: number;
  timeoutMs?: number;
}

export class PostgresLeases implements Leases {
  private readonly wanted = new Map<LeaseName, LeaseHandlers>();
  private readonly held = new Set<LeaseName>();
  private client: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly opts: PostgresLeasesOptions) {}

  add(name: LeaseName, handlers: LeaseHandlers): void {
    this.wanted.set(name, handlers);
  }

  async start(): Promise<void> {
    await this.tick();
    this.timer = setInterval(() => void this.tick(), this.opts.everyMs ?? 2_000);
    this.timer.unref();
  }

  holds(name: LeaseName): boolean {
    return this.held.has(name);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.ticking;
    const client = this.client;
    this.client = undefined;
    this.held.clear();
    await client?.end().catch(() => undefined);
  }

  private tick(): Promise<void> {
    this.ticking ??= this.tryForLeases().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  private async tryForLeases(): Promise<void> {
    if (this.stopped) return;
    try {
      const client = this.client ?? (await this.connect());
      // A round trip each time: a connection that no longer answers holds nothing any more.
      await this.query(client, 'SELECT 1');
      for (const [name, handlers] of this.wanted) {
        if (this.held.has(name) || this.stopped) continue;
        const { sql, params } = lockKeys(name);
        const { rows } = await this.query<{ ok: boolean }>(client, `SELECT pg_try_advisory_lock(${sql}) AS ok`, params);
        if (!rows[0]?.ok) continue;
        this.held.add(name);
        this.opts.log(`bail « ${name} » obtenu par ${this.opts.replica} : ce serveur s'en charge`);
        await Promise.resolve(handlers.acquired()).catch((error: Error) => this.opts.log(`bail « ${name} » : ${error.message}`));
      }
    } catch (error) {
      this.drop(error as Error);
    }
  }

  private async connect(): Promise<pg.Client> {
    const timeoutMs = this.opts.timeoutMs ?? 5_000;
    const client = new pg.Client({
      connectionString: this.opts.url,
      application_name: `dockyard ${this.opts.replica}`.slice(0, 63),
      keepAlive: true,
      keepAliveInitialDelayMillis: 2_000,
      connectionTimeoutMillis: timeoutMs,
    });
    client.on('error', (error) => this.drop(error));
    client.on('end', () => this.drop(new Error('connexion fermée')));
    await client.connect();
    // PostgreSQL's side of the keepalives: how soon it frees the leases of a server that vanished.
    await client.query('SET tcp_keepalives_idle = 5; SET tcp_keepalives_interval = 2; SET tcp_keepalives_count = 3');
    this.client = client;
    return client;
  }

  private async query<Row extends pg.QueryResultRow>(client: pg.Client, sql: string, params: unknown[] = []): Promise<pg.QueryResult<Row>> {
    const timeoutMs = this.opts.timeoutMs ?? 5_000;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`la base de données ne répond plus depuis ${timeoutMs / 1000} s`)), timeoutMs);
    });
    try {
      return await Promise.race([client.query<Row>(sql, params), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The connection failed: every lease is lost, and the next tick connects again. */
  private drop(error: Error): void {
    const client = this.client;
    this.client = undefined;
    if (client) {
      client.removeAllListeners('end');
      client.on('error', () => undefined);
      void client.end().catch(() => undefined);
    }
    if (this.held.size === 0) return;
    for (const name of this.held) {
      this.opts.log(`bail « ${name} » perdu par ${this.opts.replica} (${error.message}) : un autre serveur le reprendra`);
      this.wanted.get(name)?.lost();
    }
    this.held.clear();
  }
}

/** Who holds each lease now, as PostgreSQL sees it (for operators and tests). */
export async function leaseHolders(db: Pick<pg.Pool, 'query'>): Promise<Record<string, string>> {
  const { rows } = await db.query<{ objid: number; application_name: string }>(
    `SELECT l.objid, a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1 AND l.objsubid = 2
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    [lockKeys('reaper').params[0]],
  );
  const names = Object.fromEntries(Object.entries(FIXED_LOCKS).map(([name, id]) => [id, name]));
  return Object.fromEntries(rows.map((row) => [names[row.objid] ?? String(row.objid), row.application_name]));
}
