/**
 * What several servers (web replicas) agree on through PostgreSQL, with real connections:
 * migrations run once when two servers start together, a lease has one holder and passes to
 * another server within seconds once its holder's connection is gone, a keyed lock serialises
 * two servers, and rate limits are counted in the database (also on PGlite, whose SQL is the same).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openDatabase } from '@/server/db/database';
import { listMigrations } from '@/server/db/migrate';
import { postgresLock } from '@/server/cluster/cluster-lock';
import { leaseHolders, PostgresLeases } from '@/server/cluster/leases';
import { RateWindows, SharedRateLimiter } from '@/server/http/shared-rate-limiter';
import { toEnvelope } from '@/server/errors';
import { createTestDatabase, openTestDatabase, TEST_ENGINE, TEST_ENGINES, type TestDatabaseHome } from '../test-database';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(TEST_ENGINES)('rate limits counted in the database (%s)', (engine) => {
  it('counts per key across limiters sharing the table, refuses with the wait, and starts a new window', async () => {
    const db = await openTestDatabase(engine);
    try {
      const windows = new RateWindows(db.prisma);
      // Two servers' limiters: the same table, the same counts.
      const [a, b] = [0, 1].map(() => new SharedRateLimiter(new RateWindows(db.prisma), 'essai', { max: 2, windowMs: 1_500 }, (s) => `Attendez ${s} s.`));
      const attempt = async (limiter: SharedRateLimiter, key: string) => {
        try {
          await limiter.take(key);
          return 'ok';
        } catch (error) {
          return `${toEnvelope(error).status} ${toEnvelope(error).body.message}`;
        }
      };
      expect([await attempt(a!, 'alice'), await attempt(b!, 'alice'), await attempt(a!, 'bob')]).toEqual(['ok', 'ok', 'ok']);
      expect(await attempt(b!, 'alice')).toMatch(/^429 Attendez [12] s\.$/);
      await sleep(1_700);
      expect(await attempt(a!, 'alice')).toBe('ok');
      expect((await windows.count('autre:clé', 60_000)).count).toBe(1);
    } finally {
      await db.close();
    }
  });
});

describe.runIf(TEST_ENGINE === 'postgresql')('several servers on one PostgreSQL', () => {
  let home: TestDatabaseHome;
  let pool: pg.Pool;

  beforeAll(async () => {
    home = await createTestDatabase();
    pool = new pg.Pool({ connectionString: home.url, max: 4 });
  });
  afterAll(async () => {
    await pool?.end();
    await home?.drop();
  });

  it('migrates once when two servers start at the same moment', async () => {
    const [first, second] = await Promise.all([openDatabase({ url: home.url, poolSize: 3 }), openDatabase({ url: home.url, poolSize: 3 })]);
    try {
      const applied = [...first.migration.applied, ...second.migration.applied].sort();
      expect(applied).toEqual(await listMigrations());
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('gives a lease to one server, and to another within seconds once the holder is gone', async () => {
    const events: string[] = [];
    const keeper = (replica: string) => {
      const leases = new PostgresLeases({ url: home.url ?? '', replica, log: () => undefined, everyMs: 250 });
      leases.add('reaper', { acquired: () => void events.push(`${replica} obtient`), lost: () => void events.push(`${replica} perd`) });
      return leases;
    };
    const a = keeper('serveur-a');
    const b = keeper('serveur-b');
    try {
      await a.start();
      await b.start();
      expect([a.holds('reaper'), b.holds('reaper')]).toEqual([true, false]);
      expect(await leaseHolders(pool)).toEqual({ reaper: 'dockyard serveur-a' });
      await sleep(600);
      expect(b.holds('reaper')).toBe(false);

      // The holder's connection closes (as when its process dies): the other takes over.
      const gone = Date.now();
      await a.stop();
      await expect.poll(() => b.holds('reaper'), { timeout: 5_000, interval: 50 }).toBe(true);
      expect(Date.now() - gone).toBeLessThan(2_000);
      expect(await leaseHolders(pool)).toEqual({ reaper: 'dockyard serveur-b' });

      // A holder whose connection is cut by the database loses the lease and says so.
      await pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'dockyard serveur-b'`);
      await expect.poll(() => events.includes('serveur-b perd'), { timeout: 5_000 }).toBe(true);
      // …and, alone, gets it back once connected again.
      await expect.poll(() => b.holds('reaper'), { timeout: 5_000 }).toBe(true);
      expect(events).toEqual(['serveur-a obtient', 'serveur-b obtient', 'serveur-b perd', 'serveur-b obtient']);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('runs two servers’ work under one key one after the other, and other keys at once', async () => {
    const other = new pg.Pool({ connectionString: home.url, max: 4 });
    const spans: Array<[string, number, number]> = [];
    const work = (name: string) => async () => {
      const start = Date.now();
      await sleep(300);
      spans.push([name, start, Date.now()]);
    };
    try {
      const [first, second] = [postgresLock(pool), postgresLock(other)];
      const started = Date.now();
      await Promise.all([first.run('start:alice/lab', work('a1')), second.run('start:alice/lab', work('a2')), second.run('start:bob/lab', work('b'))]);
      const byName = Object.fromEntries(spans.map(([name, start, end]) => [name, { start, end }]));
      const [x, y] = [byName.a1!, byName.a2!].sort((p, q) => p.start - q.start);
      expect(y!.start).toBeGreaterThanOrEqual(x!.end);
      expect(byName.b!.start - started).toBeLessThan(250);
    } finally {
      await other.end();
    }
  });
});
