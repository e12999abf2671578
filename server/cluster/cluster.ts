/**
 * What makes several Dockyard servers (web replicas behind a load balancer) one: with
 * PostgreSQL, they share locks (cluster-lock.ts), leases (leases.ts) and socket.io's events
 * (its PostgreSQL adapter: a broadcast to a room reaches the sockets of every replica). With
 * PGlite there is one process: local locks, every lease held, socket.io's in-memory adapter.
 */
import { hostname } from 'node:os';
import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import { localLock, postgresLock, type ClusterLock } from './cluster-lock';
import { localLeases, PostgresLeases, type Leases } from './leases';

export interface Cluster {
  /** True when other servers may share the database (PostgreSQL). */
  shared: boolean;
  /** This server's name for the others (host:port), in logs and in pg_stat_activity. */
  replica: string;
  locks: ClusterLock;
  leases: Leases;
  /** socket.io's adapter for `io.adapter()`, or undefined for its in-memory one. */
  socketAdapter: ReturnType<typeof createAdapter> | undefined;
  close(): Promise<void>;
}

/** socket.io's adapter: a server that stops answering is forgotten after 6 s (its sockets with it). */
const HEARTBEAT = { heartbeatInterval: 2_000, heartbeatTimeout: 6_000 };

export function openCluster(options: { databaseUrl?: string; port: number; log: (message: string) => void }): Cluster {
  const replica = `${hostname()}:${options.port}`;
  if (!options.databaseUrl) {
    return { shared: false, replica, locks: localLock(), leases: localLeases(), socketAdapter: undefined, close: async () => {} };
  }
  // Its own connections, apart from Prisma's: a lock held through a lab start, socket.io's
  // LISTEN connection, its NOTIFYs. Connections held for long get no error listener from the
  // pool: give every one a listener, or a database restart would end the process.
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10, application_name: `dockyard ${replica}`.slice(0, 63) });
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const leases = new PostgresLeases({ url: options.databaseUrl, replica, log: options.log });
  return {
    shared: true,
    replica,
    locks: postgresLock(pool),
    leases,
    socketAdapter: createAdapter(pool, {
      ...HEARTBEAT,
      errorHandler: (error: Error) => options.log(`socket.io entre serveurs : ${error.message}`),
    }),
    close: async () => {
      await leases.stop();
      await pool.end().catch(() => undefined);
    },
  };
}
