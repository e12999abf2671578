/**
 * A fresh, migrated database of the caller's own. On PostgreSQL when the test command provides
 * a server (TEST_DATABASE_URL, which `./dockyard test` exports: its cluster `dockyard-tests`),
 * where each database is made for the call (`dockyard_test_<seconds>_<random>`) and dropped on
 * close, so test files never see each other's rows; otherwise PGlite, so that a developer can
 * run any file alone without PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database, type DatabaseOptions } from '@/server/db/database';

export type Engine = Database['kind'];

/** A database on that server that the tests' role may connect to and create databases from. */
const SERVER_URL = process.env.TEST_DATABASE_URL || undefined;

/** Where the suite runs: PostgreSQL when the test command provides it. */
export const TEST_ENGINE: Engine = SERVER_URL ? 'postgresql' : 'pglite';
/** Every engine of this run, for the tests that prove both. */
export const TEST_ENGINES: Engine[] = SERVER_URL ? ['pglite', 'postgresql'] : ['pglite'];

/** Connections per test database: files run one at a time, with a database or two each. */
const POOL_SIZE = 4;

/** An empty database that outlives its connections: open it (again) as often as needed, then drop it. */
export interface TestDatabaseHome {
  engine: Engine;
  /** How a Dockyard server process reaches it: its DATABASE_URL (PostgreSQL)… */
  url?: string;
  /** …or PGlite's folder. */
  dataDir?: string;
  /** Opens and migrates it (with an older set of migrations, for the tests of a migration). */
  open(options?: Pick<DatabaseOptions, 'migrationsDir'>): Promise<Database>;
  drop(): Promise<void>;
}

export async function createTestDatabase(engine: Engine = TEST_ENGINE): Promise<TestDatabaseHome> {
  if (engine === 'pglite') {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dockyard-test-db-'));
    return {
      engine,
      dataDir,
      open: (options) => openDatabase({ dataDir, ...options }),
      drop: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  if (!SERVER_URL) throw new Error('PostgreSQL demandé, mais TEST_DATABASE_URL est vide : lancez les tests par ./dockyard test.');
  const name = `dockyard_test_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
  await onServer(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return {
    engine,
    url: url.href,
    open: (options) => openDatabase({ url: url.href, poolSize: POOL_SIZE, ...options }),
    // FORCE: a server process killed by a test may not have said goodbye yet.
    drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** A new migrated database (PGlite: in memory), gone once closed; closing twice is harmless. */
export async function openTestDatabase(engine: Engine = TEST_ENGINE): Promise<Database> {
  if (engine === 'pglite') return closingOnce(await openDatabase({ dataDir: 'memory://' }), async () => {});
  const home = await createTestDatabase(engine);
  let db: Database;
  try {
    db = await home.open();
  } catch (error) {
    await home.drop();
    throw error;
  }
  return closingOnce(db, home.drop);
}

function closingOnce(db: Database, after: () => Promise<void>): Database {
  let closed: Promise<void> | undefined;
  return { ...db, close: () => (closed ??= db.close().finally(after)) };
}

async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  try {
    await client.connect();
  } catch (error) {
    const { host } = new URL(SERVER_URL ?? '');
    throw new Error(
      `Le serveur PostgreSQL des tests (${host}) ne répond pas : ${(error as Error).message}. ` +
        'Lancez ./dockyard test (il le démarre), ou videz TEST_DATABASE_URL pour tester sur PGlite.',
      { cause: error },
    );
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
