/**
 * The only module that reads process.env. Everything else receives these values.
 * Validated once with zod so a typo fails at start-up with a message that says what to fix.
 */
import { z } from 'zod';
import { DEFAULT_STUCK_IDLE_MINUTES } from './progress/stuck-students';

const minutes = (fallback: number) => z.coerce.number().positive().default(fallback);
/** "true"/"1" or "false"/"0"/unset: z.coerce.boolean() would read "false" as true. */
const flag = z
  .enum(['true', 'false', '1', '0', ''], { error: 'attendu : true ou false' })
  .optional()
  .transform((value) => value === 'true' || value === '1');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Where the embedded database and the generated secret live. */
  DOCKYARD_DATA_DIR: z.string().default('data'),
  /**
   * Content packs served besides the built-in course, comma- or newline-separated:
   * `[nom=]dossier` or `[nom=]dépôt-git[#branche]` (server/content/packs/pack-sources.ts).
   */
  DOCKYARD_CONTENT: z.string().optional(),
  /** Git packs are fetched this often (0: only from their webhook or the admin's button). */
  DOCKYARD_CONTENT_PULL_MINUTES: z.coerce.number().min(0).max(1440).default(15),
  /** Shared secret of the packs' webhook (POST /api/content/packs/<nom>/pull); unset: no webhook. */
  DOCKYARD_CONTENT_WEBHOOK_SECRET: z.string().min(16, 'DOCKYARD_CONTENT_WEBHOOK_SECRET doit faire au moins 16 caractères').optional(),
  /** Set by `./dockyard author <dossier>`: watch the packs' folders, check them on every save, reload open pages. */
  DOCKYARD_AUTHORING: flag,
  /**
   * When the nightly run of every lab's lab:test starts, « HH:MM » server time; « off »: never.
   * It yields to students: a lab is tested only while sessions leave room (server/lab-health).
   */
  DOCKYARD_LAB_HEALTH_AT: z
    .string()
    .regex(/^(off|([01]\d|2[0-3]):[0-5]\d)$/, { error: 'DOCKYARD_LAB_HEALTH_AT : attendu HH:MM (03:30) ou off' })
    .default('03:30'),
  /** POSTed (JSON) when a lab starts failing its nightly test: point it at a mail or chat relay. */
  DOCKYARD_LAB_HEALTH_WEBHOOK: z.url().optional(),
  /** postgres://… to use PostgreSQL instead of the embedded PGlite database. */
  DATABASE_URL: z.string().startsWith('postgres').optional(),
  /** Signs the cookie that ties a browser to its sessions; generated into the data dir if unset. */
  DOCKYARD_SECRET: z.string().min(32, 'DOCKYARD_SECRET doit faire au moins 32 caractères').optional(),
  /** incusd's socket: lab nodes are Incus system containers (runtime/incus). */
  INCUS_SOCKET: z.string().default('/var/lib/incus/unix.socket'),
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
  /** The class dashboard flags a student whose running lab saw no activity (typing, check, step opened) for this long. */
  DOCKYARD_STUCK_IDLE_MINUTES: minutes(DEFAULT_STUCK_IDLE_MINUTES),
  /** Also how soon the sessions of a cluster member declared down (by Incus, after 20 s) end: 20 + 15 s. */
  DOCKYARD_REAPER_INTERVAL_SECONDS: z.coerce.number().positive().default(15),
  /** How long a shell whose browser left is kept, so that a reload finds it again. */
  DOCKYARD_SHELL_GRACE_MINUTES: minutes(10),
  /** A session's lifetime when it starts (capped by the maximum); « Prolonger » adds to it. */
  DOCKYARD_LIFETIME_MINUTES: minutes(60),
  /** What one press of « Prolonger » adds. */
  DOCKYARD_EXTEND_MINUTES: minutes(30),
  /** No session lives longer than this after its start, however often it is extended. */
  DOCKYARD_MAX_LIFETIME_MINUTES: minutes(120),
  /** Days a paused lab is kept (its machines stopped, their disks kept) before it is deleted; 0: labs end at their time instead of pausing. */
  DOCKYARD_PAUSED_LAB_DAYS: z.coerce.number().int().min(0).max(365).default(14),
  /**
   * Days a lab terminal's recording (what the student typed and saw, server/recordings) is kept
   * after its last activity, for instructors and graders to replay; 0: terminals are not recorded.
   */
  DOCKYARD_RECORDING_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  /** Disk one student's paused labs may hold; past it, the oldest is deleted a day after they are told. */
  DOCKYARD_PAUSED_QUOTA_GIB: z.coerce.number().positive().max(10_000).default(10),
  /** Running sessions one student may hold at once, across all labs. */
  DOCKYARD_MAX_SESSIONS_PER_USER: z.coerce.number().int().positive().default(3),
  /**
   * Running sessions at once per runtime machine (this one, or each Incus cluster member online
   * and not in maintenance): beyond, « Démarrer » is refused with a wait time.
   */
  DOCKYARD_MAX_SESSIONS: z.coerce.number().int().positive().default(60),
  /** Workshop mode: labs start without an account, owned by the browser's cookie as before accounts. */
  DOCKYARD_ANONYMOUS_LABS: flag,
  /** The first admin, created (or promoted) at start-up when both are set. */
  DOCKYARD_ADMIN_EMAIL: z.email("DOCKYARD_ADMIN_EMAIL doit être une adresse e-mail").optional(),
  DOCKYARD_ADMIN_PASSWORD: z.string().min(8, 'DOCKYARD_ADMIN_PASSWORD doit faire au moins 8 caractères').max(128).optional(),
  /** The address students use (https://dockyard.example.org) when Dockyard is behind a TLS proxy: sign-in cookies are then Secure. */
  DOCKYARD_PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'DOCKYARD_PUBLIC_URL doit être une adresse http(s)://…' }).optional(),
  /** Days Dockyard's LTI signing key is used before a new one replaces it (the old one stays published one more round; docs/lti.md). */
  DOCKYARD_LTI_KEY_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Seconds between two rounds of sending LMS scores that are due (new ones go at once; failures retry later and later, up to an hour). */
  DOCKYARD_LTI_SCORE_ROUND_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  /** Behind a reverse proxy: the client's address is the last one it adds to X-Forwarded-For. */
  DOCKYARD_TRUST_PROXY: flag,
  /**
   * Bearer token Prometheus sends to read /metrics (server/metrics); unset: /metrics answers only
   * direct requests from this machine (127.0.0.1, ::1), and 404 to anyone else.
   */
  DOCKYARD_METRICS_TOKEN: z.string().min(16, 'DOCKYARD_METRICS_TOKEN doit faire au moins 16 caractères').optional(),
  /** Sign-in and sign-up requests per minute from one address (a classroom behind one NAT counts once). */
  DOCKYARD_AUTH_REQUESTS_PER_MINUTE: z.coerce.number().int().positive().default(30),
  /** Sign-ins into one account per 15 minutes (against password guessing from many addresses). */
  DOCKYARD_SIGN_INS_PER_ACCOUNT: z.coerce.number().int().positive().default(10),
  /** Lab starts and resets per hour for one student: each one builds new machines. */
  DOCKYARD_LAB_STARTS_PER_HOUR: z.coerce.number().int().positive().default(30),
  /** « Vérifier » per minute in one lab session: each one runs a script in the sandbox and stores its output. */
  DOCKYARD_CHECKS_PER_MINUTE: z.coerce.number().int().positive().default(10),
  /** Terminal sockets one user holds open at once (tabs × machines, live views included). */
  DOCKYARD_TERMINAL_SOCKETS_PER_USER: z.coerce.number().int().positive().default(20),
  /** Terminal attaches and live views one user starts per minute: each one replays the scrollback. */
  DOCKYARD_TERMINAL_ATTACHES_PER_MINUTE: z.coerce.number().int().positive().default(30),
  /**
   * Lab nodes' internet (runtime/egress, docs/operations.md): « on » makes the registry a cache of
   * Docker Hub behind the catalog and lets nodes reach the allowlisted hosts through a logged proxy.
   */
  DOCKYARD_INTERNET: z.enum(['off', 'on'], { error: 'DOCKYARD_INTERNET : attendu on ou off' }).default('off'),
  /** The registry the cache fills from (Docker Hub unless given). */
  DOCKYARD_REGISTRY_UPSTREAM: z.url({ protocol: /^https?$/, error: 'DOCKYARD_REGISTRY_UPSTREAM doit être une adresse http(s)://…' }).optional(),
  /**
   * Other registries with a cache of their own (ghcr.io…), comma-separated, « name » or
   * « name=https://upstream »; « +… » adds to runtime/egress/registry-caches-default.txt.
   * Read by runtime/egress/egress-up.sh; checked here so that a mistake stops the server too.
   */
  DOCKYARD_REGISTRY_CACHES: z
    .string()
    .regex(/^\+?(\s*[,\s]?\s*[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(=https?:\/\/[^/,=\s]+\/?)?)*\s*$/, {
      error: 'DOCKYARD_REGISTRY_CACHES : attendu des noms de registres séparés par des virgules (ghcr.io, ou ghcr.io=https://miroir.exemple)',
    })
    .optional(),
  /** Host names nodes may reach through the proxy, comma-separated (.example.org: its subdomains too); « +… » adds to the default list. */
  DOCKYARD_EGRESS_ALLOW: z
    .string()
    .regex(/^\+?\s*\.?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(\s*[,\s]\s*\.?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)*\s*$/, {
      error: 'DOCKYARD_EGRESS_ALLOW : attendu des noms d’hôtes séparés par des virgules (.exemple.org pour ses sous-domaines)',
    })
    .optional(),
});

export type Env = z.infer<typeof envSchema>;

const checkedEnvSchema = envSchema.superRefine((env, context) => {
  if (Boolean(env.DOCKYARD_ADMIN_EMAIL) !== Boolean(env.DOCKYARD_ADMIN_PASSWORD)) {
    context.addIssue({
      code: 'custom',
      path: ['DOCKYARD_ADMIN_PASSWORD'],
      message: 'DOCKYARD_ADMIN_EMAIL et DOCKYARD_ADMIN_PASSWORD vont ensemble : donnez les deux, ou aucun',
    });
  }
});

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = checkedEnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Configuration invalide (variables d'environnement) :\n${lines.join('\n')}`);
  }
  return result.data;
}

export function readEnv(): Env {
  return parseEnv(process.env);
}

/**
 * The environment for a child process (git, for content packs): this process's, plus `extra`.
 * Here because this is the one module that reads process.env.
 */
export function childProcessEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}
