/**
 * Opens the database: embedded PGlite by default (nothing to install), PostgreSQL when
 * DATABASE_URL is set. Both expose the same Prisma client and the same SqlRunner, and are
 * migrated before anything else touches them.
 */
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../../generated/prisma/client';
import { withAdvisoryLock } from './advisory-locks';
import { migrate, type MigrationReport } from './migrate';
import type { SqlRunner } from './sql-runner';

export interface Database {
  prisma: PrismaClient;
  sql: SqlRunner;
  kind: 'pglite' | 'postgresql';
  migration: MigrationReport;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… ; when absent, PGlite stores its files in `dataDir`. */
  url?: string;
  /** Folder for PGlite's files; `memory://` keeps everything in memory (tests). */
  dataDir?: string;
  /** PostgreSQL connections this process may hold at once (default 10). */
  poolSize?: number;
  /** Where the migrations are (default prisma/migrations): a test replays an older set. */
  migrationsDir?: string;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const opened = options.url
    ? openPostgres(options.url, options.poolSize ?? 10)
    : await openPglite(options.dataDir ?? 'data/db');
  try {
    // Several servers starting at once on one PostgreSQL: one migrates, the others wait and find it done.
    const run = () => migrate(opened.sql, options.migrationsDir);
    const migration = await (opened.exclusively ? opened.exclusively(run) : run());
    return { ...opened, migration };
  } catch (error) {
    await opened.close();
    throw error;
  }
}

type Opened = Omit<Database, 'migration'> & {
  /** Runs `work` alone among the servers sharing the database (PostgreSQL); PGlite has one process. */
  exclusively?: <T>(work: () => Promise<T>) => Promise<T>;
};

async function openPglite(dataDir: string): Promise<Opened> {
  if (!dataDir.startsWith('memory://')) await mkdir(path.resolve(dataDir), { recursive: true });
  const client = new PGlite(dataDir);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(client) });
  const runner = (q: PGlite | Transaction): SqlRunner => ({
    exec: async (sql) => void (await q.exec(sql)),
    query: async <Row>(sql: string, params?: unknown[]) => (await q.query<Row>(sql, params)).rows,
    transaction: async (work) => void (await client.transaction((tx) => work(runner(tx)))),
  });
  return {
    prisma,
    sql: runner(client),
    kind: 'pglite',
    close: async () => {
      await prisma.$disconnect();
      await client.close();
    },
  };
}

function openPostgres(url: string, max: number): Opened {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle connection the server closes (a restart, an administrator) leaves the pool, and the
  // next query opens another: without a listener, its 'error' event would end the process.
  pool.on('error', () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const runner = (q: pg.Pool | pg.PoolClient): SqlRunner => ({
    exec: async (sql) => void (await q.query(sql)),
    query: async <Row>(sql: string, params?: unknown[]) =>
      (await q.query(sql, params)).rows as Row[],
    transaction: async (work) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await work(runner(client));
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
  });
  return {
    prisma,
    sql: runner(pool),
    kind: 'postgresql',
    exclusively: (work) => withAdvisoryLock(pool, 'migrations', work),
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
