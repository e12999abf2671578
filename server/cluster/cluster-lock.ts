/**
 * « One at a time » across every server sharing the database: a student's lab start (two
 * clicks reaching two replicas must not build two labs), the pages a session starts, the first
 * admin. Within a process a keyed queue first, so that one server waits in memory rather
 * than holding one database connection per waiting request; across processes a PostgreSQL
 * advisory lock (server/db/advisory-locks.ts), released if the server dies.
 */
import type pg from 'pg';
import { withAdvisoryLock, type FixedLock } from '../db/advisory-locks';
import { KeyedLock } from '../sessions/keyed-lock';

export interface ClusterLock {
  /** Runs `task` alone among the holders of `key` on every server. */
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** Runs `task` alone under one of the fixed locks (the first admin, say). */
  runFixed<T>(lock: FixedLock, task: () => Promise<T>): Promise<T>;
}

/** One process (PGlite): the keyed queue is enough. */
export function localLock(): ClusterLock {
  const local = new KeyedLock();
  return {
    run: (key, task) => local.run(key, task),
    runFixed: (lock, task) => local.run(`fixed:${lock}`, task),
  };
}

/** Several servers on PostgreSQL: the queue, then the advisory lock on a connection of `pool`. */
export function postgresLock(pool: pg.Pool): ClusterLock {
  const local = new KeyedLock();
  return {
    run: (key, task) => local.run(key, () => withAdvisoryLock(pool, { key }, task)),
    runFixed: (lock, task) => local.run(`fixed:${lock}`, () => withAdvisoryLock(pool, lock, task)),
  };
}
