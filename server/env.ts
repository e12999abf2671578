/**
 * The only module that reads process.env. Everything else receives these values.
 * Validated once with zod so a typo fails at start-up with a message that says what to fix.
 */
import { z } from 'zod';

const minutes = (fallback: number) => z.coerce.number().positive().default(fallback);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Where the embedded database and the generated secret live. */
  DOCKYARD_DATA_DIR: z.string().default('data'),
  /** postgres://… to use PostgreSQL instead of the embedded PGlite database. */
  DATABASE_URL: z.string().startsWith('postgres').optional(),
  /** Signs the cookie that ties a browser to its sessions; generated into the data dir if unset. */
  DOCKYARD_SECRET: z.string().min(32, 'DOCKYARD_SECRET doit faire au moins 32 caractères').optional(),
  DOCKER_SOCKET: z.string().default('/var/run/docker.sock'),
  /** IPv4 pool for the sessions' private networks (a /26 each); change it if it clashes with your LAN. */
  DOCKYARD_SANDBOX_SUBNETS: z.string().regex(/^\d+\.\d+\.\d+\.\d+\/\d+$/).default('10.213.0.0/16'),
  /** Size of each lab node's own disk (its files and its Docker engine's images): filling it fails inside the node only. */
  DOCKYARD_NODE_DISK_GIB: z.coerce.number().positive().max(1024).default(10),
  /** Lab nodes kept started ahead of time, so that a lab starts in well under a second (0: none). They count against DOCKYARD_MAX_SESSIONS. */
  DOCKYARD_POOL_SIZE: z.coerce.number().int().min(0).max(50).default(2),
  /** Names this Dockyard's sandboxes, so that two instances on one engine never reap each other's. */
  DOCKYARD_INSTANCE: z.string().regex(/^[a-z0-9-]{1,32}$/).default('default'),
  /** A sandbox with no terminal attached and no check for this long is destroyed. */
  DOCKYARD_IDLE_TIMEOUT_MINUTES: minutes(30),
  DOCKYARD_REAPER_INTERVAL_SECONDS: z.coerce.number().positive().default(60),
  /** How long a shell whose browser left is kept, so that a reload finds it again. */
  DOCKYARD_SHELL_GRACE_MINUTES: minutes(10),
  /** A session's lifetime when it starts (capped by the maximum); « Prolonger » adds to it. */
  DOCKYARD_LIFETIME_MINUTES: minutes(60),
  /** What one press of « Prolonger » adds. */
  DOCKYARD_EXTEND_MINUTES: minutes(30),
  /** No session lives longer than this after its start, however often it is extended. */
  DOCKYARD_MAX_LIFETIME_MINUTES: minutes(120),
  /** Running sessions one student may hold at once, across all labs. */
  DOCKYARD_MAX_SESSIONS_PER_USER: z.coerce.number().int().positive().default(3),
  /** Running sessions on this machine at once: beyond, « Démarrer » is refused with a wait time. */
  DOCKYARD_MAX_SESSIONS: z.coerce.number().int().positive().default(60),
});

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Configuration invalide (variables d'environnement) :\n${lines.join('\n')}`);
  }
  return result.data;
}

export function readEnv(): Env {
  return parseEnv(process.env);
}
