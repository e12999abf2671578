/**
 * PostgreSQL advisory locks: how several Dockyard servers (web replicas) on one database agree
 * on what must happen once (migrations, the reaper, the warm pool) or one at a time (a
 * student's lab start). A lock is two int4 keys: Dockyard's space, then a number (fixed ones
 * below) or hashtext() of a name (keyed locks; a collision only serialises two unrelated keys).
 * A session-level lock belongs to its connection: a server that dies loses it with its
 * connection, at once on a crash (the kernel closes the socket), within seconds on a lost
 * machine (TCP keepalives, see server/cluster/leases.ts).
 */
import type pg from 'pg';

export const LOCK_SPACE = { fixed: 0x646b7901, keyed: 0x646b7902 } as const;

/** The fixed locks, by name; leases are listed in pg_locks under (LOCK_SPACE.fixed, number). */
export const FIXED_LOCKS = { migrations: 1, reaper: 2, pool: 3, admin: 4, capacity: 5, 'lab-health': 6 } as const;
export type FixedLock = keyof typeof FIXED_LOCKS;

/** The two keys of a lock, as SQL placeholders' values and the expression that takes them. */
export function lockKeys(lock: FixedLock | { key: string }): { sql: string; params: [number, number | string] } {
  if (typeof lock === 'string') return { sql: '$1::int4, $2::int4', params: [LOCK_SPACE.fixed, FIXED_LOCKS[lock]] };
  return { sql: '$1::int4, hashtext($2)', params: [LOCK_SPACE.keyed, lock.key] };
}

/**
 * Runs `work` while holding the lock on a connection of `pool`, waiting for it if another
 * server holds it. The connection is thrown away if the unlock fails, so that no pooled
 * connection ever keeps a lock.
 */
export async function withAdvisoryLock<T>(pool: pg.Pool, lock: FixedLock | { key: string }, work: () => Promise<T>): Promise<T> {
  const { sql, params } = lockKeys(lock);
  const client = await pool.connect();
  let broken: Error | undefined;
  // A connection lost while held (the database restarted) must fail the work, not the process:
  // a checked-out client has no error listener of the pool's.
  const onError = (error: Error) => (broken = error);
  client.on('error', onError);
  try {
    await client.query(`SELECT pg_advisory_lock(${sql})`, params);
    return await work();
  } finally {
    if (!broken) await client.query(`SELECT pg_advisory_unlock(${sql})`, params).catch((error: Error) => (broken = error));
    client.removeListener('error', onError);
    client.release(broken);
  }
}
