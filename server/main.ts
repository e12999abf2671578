/**
 * Dockyard's Node process: Next.js pages and route handlers, the socket.io terminal gateway
 * and the domain services, on one port. Start-up order matters: configuration, database
 * (migrated), sandbox driver, leases (reconciliation of leftovers by the reaper's holder),
 * then traffic. With PostgreSQL, several of these processes (web replicas) may serve one
 * Dockyard behind a load balancer (server/cluster, docs/operations.md).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import next from 'next';
import { readEnv } from './env';
import { loadSecret } from './auth/secret';
import { OwnerTokens } from './auth/owner-token';
import { openDatabase } from './db/database';
import { createSandboxDriver } from './runtime-factory';
import type { SandboxDriver } from '../runtime/driver';
import { SessionService } from './sessions/session-service';
import { QuizService } from './quizzes/quiz-service';
import { loadQuiz } from './content/quiz';
import { LabScripts } from './sessions/lab-scripts';
import { StepHelpService } from './sessions/step-help';
import { Reaper } from './sessions/reaper';
import { ShellHub } from './terminal/shell-hub';
import { SupervisionService } from './supervision/supervision-service';
import { attachTerminalGateway, whenSessionEnded, type TerminalGateway } from './terminal/gateway';
import { reportTerminalPresence } from './terminal/terminal-presence';
import { openCluster } from './cluster/cluster';
import { RateWindows } from './http/shared-rate-limiter';
import { publishServices } from './services';
import { findLabSpec } from './sessions/find-lab-spec';
import { ensureOwnerCookie } from './auth/ensure-owner-cookie';
import { validateContent } from './content/validate-content';
import { PreviewGrants } from './preview/preview-grants';
import { PreviewProxy } from './preview/preview-proxy';
import { createAuth, passwordHasher } from './auth/better-auth';
import { CallerResolver, findUserWith } from './auth/caller-resolver';
import { ensureAdmin } from './accounts/ensure-admin';
import { UserAdminService } from './accounts/user-admin-service';
import { ClassService } from './classes/class-service';
import { courseContent } from './classes/course-content';
import { assignClientIp } from './http/client-ip';
import { createRateLimits } from './http/rate-limits';
import { createProgressServices } from './progress/create-progress-services';
import { LtiService } from './lti/lti-service';
import { setUpRecordings } from './recordings/recording-setup';
import { PackManager } from './content/packs/pack-manager';
import { healthEndpoints } from './health/health-endpoints';
import { DockyardMetrics } from './metrics/dockyard-metrics';
import { metricsEndpoint } from './metrics/metrics-endpoint';
import { loadCourse } from './content/course';
import { listMigrations } from './db/migrate';
import { defaultBuiltinRoot, PackRegistry, publishPackRegistry } from './content/packs/pack-registry';
import { LabHealthService } from './lab-health/lab-health-service';
import { AuthoringMode, folderPacks } from './content/authoring/authoring-mode';
import { publishAuthoringMode } from './content/authoring/authoring-flag';

const log = (message: string) => console.log(`[dockyard] ${message}`);

/** Known once made, so that a failed start still removes the spare nodes it began. */
let startedDriver: SandboxDriver | undefined;
const ADMIN_OUTCOME = { created: 'compte créé', promoted: 'rôle administrateur donné', unchanged: 'déjà administrateur' } as const;

async function main(): Promise<void> {
  const env = readEnv();
  const dev = env.NODE_ENV !== 'production';
  const shared = Boolean(env.DATABASE_URL);
  // Before anything else: replicas signing with different secrets would sign students out.
  const secret = await loadSecret(env.DOCKYARD_SECRET, env.DOCKYARD_DATA_DIR, { shared });

  // A broken course fails here, naming the file, rather than on a student's click; a lab that
  // cannot load only says why: its page reads « lab indisponible », the rest of the site works.
  const { course, unavailableLabs } = await validateContent();
  log(`cours valide : ${course.chapters.length} chapitres`);
  for (const lab of unavailableLabs) log(`lab « ${lab.slug} » indisponible : ${lab.reason}`);

  const db = await openDatabase({ url: env.DATABASE_URL, dataDir: `${env.DOCKYARD_DATA_DIR}/db` });
  log(`base de données ${db.kind} prête (${db.migration.applied.length} migration(s) appliquée(s))`);

  // Before the first page: Next's pages read the packs this registry serves.
  const registry = new PackRegistry(defaultBuiltinRoot());
  publishPackRegistry(registry);
  const packs = new PackManager({
    registry,
    prisma: db.prisma,
    dataDir: env.DOCKYARD_DATA_DIR,
    setting: env.DOCKYARD_CONTENT,
    pullMinutes: env.DOCKYARD_CONTENT_PULL_MINUTES,
    webhookSecret: env.DOCKYARD_CONTENT_WEBHOOK_SECRET,
    log,
  });
  await packs.start();
  for (const pack of packs.statuses()) {
    log(`paquet de contenu « ${pack.id} » (${pack.location}) : ${pack.state === 'served' ? `servi${pack.version ? `, version ${pack.version.slice(0, 10)}` : ''}` : `indisponible — ${pack.message ?? 'voir /admin'}`}`);
  }

  const cluster = openCluster({ databaseUrl: env.DATABASE_URL, port: env.PORT, log });
  if (cluster.shared) log(`base PostgreSQL partagée : d'autres serveurs Dockyard peuvent servir avec celui-ci (${cluster.replica})`);

  // Prometheus's /metrics (server/metrics): fed by the services below, read at each scrape.
  const metrics = new DockyardMetrics({ log });
  const driver = createSandboxDriver(
    env,
    log,
    () => db.prisma.labSession.count({ where: { state: 'running' } }),
    { shared: cluster.shared, keepsPool: () => cluster.leases.holds('pool') },
    metrics.spareTaken,
  );
  startedDriver = driver;
  metrics.watch({ prisma: db.prisma, driver });
  await driver.prepare();

  const owners = new OwnerTokens(secret);
  const recordings = setUpRecordings({ prisma: db.prisma, keepDays: env.DOCKYARD_RECORDING_DAYS, log });
  const shells = new ShellHub(driver, env.DOCKYARD_SHELL_GRACE_MINUTES * 60_000, recordings.recorder, metrics.terminalTraffic);
  /** Known once the gateway exists: a session ended here closes its terminals on every server. */
  const terminals: { gateway?: TerminalGateway } = {};
  /** Known once the services exist: a check or an end sends the student's score to their LMS. */
  const lms: { lti?: LtiService } = {};
  const sessions = new SessionService({
    prisma: db.prisma,
    driver,
    findLab: findLabSpec,
    locks: cluster.locks,
    onEnded: whenSessionEnded(shells, () => terminals.gateway),
    onGradeChanged: (sessionId) => lms.lti?.grades.gradeChanged(sessionId),
    scripts: new LabScripts({ driver, typeIntoTerminal: (target, text) => shells.type(target, text), log }),
    lifetime: {
      initialMs: env.DOCKYARD_LIFETIME_MINUTES * 60_000,
      extendMs: env.DOCKYARD_EXTEND_MINUTES * 60_000,
      maxMs: env.DOCKYARD_MAX_LIFETIME_MINUTES * 60_000,
    },
    capacity: { perOwner: env.DOCKYARD_MAX_SESSIONS_PER_USER, perMachine: env.DOCKYARD_MAX_SESSIONS },
    pauses: { keepDays: env.DOCKYARD_PAUSED_LAB_DAYS, quotaMiB: Math.round(env.DOCKYARD_PAUSED_QUOTA_GIB * 1024) },
    metrics,
    log,
  });
  const reaper = new Reaper({
    prisma: db.prisma,
    driver,
    sessions,
    idleTimeoutMs: env.DOCKYARD_IDLE_TIMEOUT_MINUTES * 60_000,
    isAttached: (id) => shells.isAttached(id),
    expireRecordings: recordings.sweep,
    onPass: metrics.reaperPassed,
    log,
  });
  // The reaper and the warm pool run on one server only: the holder of their lease (all of
  // them with PGlite's one process). Its first pass removes what a killed process left.
  cluster.leases.add('reaper', {
    acquired: async () => {
      const first = await reaper.reconcile();
      log(`ménage : ${first.orphansRemoved.length} orphelin(s) supprimé(s), ${first.sessionsEnded.length} session(s) close(s)`);
      reaper.start(env.DOCKYARD_REAPER_INTERVAL_SECONDS * 1000);
    },
    lost: () => reaper.stop(),
  });
  // Lost: no spare is made any more (keepsPool); the next keeper removes those left. Alone
  // (PGlite), the lease is held once the leases start: the pool fills then (keepsPool was
  // still false when prepare() started it).
  cluster.leases.add('pool', { acquired: () => driver.keepSpares?.(), lost: () => undefined });
  // The nightly lab tests (« santé des labs ») through this server's own sessions, so that they
  // count against DOCKYARD_MAX_SESSIONS; scheduled by the lease's holder, « Lancer maintenant » anywhere.
  const labHealth = new LabHealthService({
    prisma: db.prisma,
    sessions,
    driver,
    at: env.DOCKYARD_LAB_HEALTH_AT,
    webhookUrl: env.DOCKYARD_LAB_HEALTH_WEBHOOK,
    pageUrl: `${env.DOCKYARD_PUBLIC_URL ?? `http://localhost:${env.PORT}`}/sante-des-labs`,
    log,
  });
  cluster.leases.add('lab-health', labHealth.lease());
  await cluster.leases.start();
  const presence = cluster.shared ? reportTerminalPresence({ prisma: db.prisma, shells, log }) : undefined;
  const rateWindows = cluster.shared ? new RateWindows(db.prisma) : undefined;

  const quizzes = new QuizService({ prisma: db.prisma, findQuiz: loadQuiz });
  const auth = createAuth({
    prisma: db.prisma,
    secret,
    publicUrl: env.DOCKYARD_PUBLIC_URL,
    requestsPerMinute: env.DOCKYARD_AUTH_REQUESTS_PER_MINUTE,
    attemptsPerAccount: { max: env.DOCKYARD_SIGN_INS_PER_ACCOUNT, windowMs: 15 * 60_000 },
    rateWindows,
    log,
  });
  const { DOCKYARD_ADMIN_EMAIL: email, DOCKYARD_ADMIN_PASSWORD: password } = env;
  if (email && password) {
    // Replicas starting together must not both create the account.
    const outcome = await cluster.locks.runFixed('admin', () => ensureAdmin({ auth, prisma: db.prisma }, { email, password }));
    log(`administrateur ${email} : ${ADMIN_OUTCOME[outcome]}`);
  }
  const callers = new CallerResolver({ findUser: findUserWith(auth), owners, anonymousLabs: env.DOCKYARD_ANONYMOUS_LABS });
  if (env.DOCKYARD_ANONYMOUS_LABS) log('mode atelier : les labs démarrent sans compte (DOCKYARD_ANONYMOUS_LABS=true)');
  const classes = new ClassService({ prisma: db.prisma, content: courseContent });
  const supervision = new SupervisionService({ prisma: db.prisma });
  const site = { publicUrl: env.DOCKYARD_PUBLIC_URL, trustProxy: env.DOCKYARD_TRUST_PROXY };
  const progressServices = createProgressServices(db.prisma, classes, { stuckIdleMinutes: env.DOCKYARD_STUCK_IDLE_MINUTES });
  const lti = new LtiService({
    prisma: db.prisma,
    auth,
    classes,
    content: courseContent,
    progress: progressServices.progress,
    secret,
    publicUrl: env.DOCKYARD_PUBLIC_URL,
    keyRotationDays: env.DOCKYARD_LTI_KEY_DAYS,
    onScorePosted: metrics.ltiScorePosted,
    log,
  });
  lms.lti = lti;
  // Every server sends what is due: a score posted twice by two replicas is the same score
  // (the outbox marks a row sent only for the version it posted).
  lti.outbox.start(env.DOCKYARD_LTI_SCORE_ROUND_SECONDS * 1000);
  publishServices({
    sessions,
    packs,
    quizzes,
    owners,
    auth,
    callers,
    classes,
    ...progressServices,
    lti,
    supervision,
    recordings: recordings.service(classes),
    site,
    users: new UserAdminService({ prisma: db.prisma, endLabSessions: (userId) => sessions.endAllOf(userId, 'disabled'), hashPassword: passwordHasher(auth) }),
    limits: createRateLimits({ labStartsPerHour: env.DOCKYARD_LAB_STARTS_PER_HOUR, checksPerMinute: env.DOCKYARD_CHECKS_PER_MINUTE }, rateWindows),
    help: new StepHelpService({ prisma: db.prisma, sessions, findLab: findLabSpec }),
    labHealth,
    metrics,
  });

  // Pages mount their watcher in authoring mode (app/layout.tsx).
  publishAuthoringMode(env.DOCKYARD_AUTHORING);
  const app = next({ dev, hostname: env.HOST, port: env.PORT, dir: process.cwd() });
  await app.prepare();
  const handle = app.getRequestHandler();
  // Behind TLS the operator sets DOCKYARD_PUBLIC_URL=https://…: the owner cookie is then Secure,
  // like better-auth's (docs/operations.md).
  const secureCookies = env.DOCKYARD_PUBLIC_URL?.startsWith('https:') ?? false;

  const health = healthEndpoints({
    database: async () => void (await db.sql.query('SELECT 1')),
    appliedMigrations: async () => (await db.sql.query<{ name: string }>('SELECT "name" FROM "_dockyard_migrations"')).map((row) => row.name),
    knownMigrations: await listMigrations(),
    runtime: async () => void (await driver.machines()),
    content: async () => void (await loadCourse()),
  });
  const metricsPage = metricsEndpoint(metrics, env.DOCKYARD_METRICS_TOKEN);
  const preview = new PreviewProxy({ callers, grants: new PreviewGrants(secret), sessions, supervision, driver, log });
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (health(req, res) || metricsPage(req, res)) return;
    assignClientIp(req, env.DOCKYARD_TRUST_PROXY);
    // Before the cookie: a preview's sub-requests carry none and must not be given a new one.
    if (preview.handle(req, res)) return;
    ensureOwnerCookie(req, res, owners, secureCookies);
    void handle(req, res);
  });
  const io = attachTerminalGateway(server, {
    callers,
    sessions,
    shells,
    supervision,
    limits: { socketsPerUser: env.DOCKYARD_TERMINAL_SOCKETS_PER_USER, attachesPerMinute: env.DOCKYARD_TERMINAL_ATTACHES_PER_MINUTE },
    site,
    cluster,
    log,
  });
  terminals.gateway = io;
  metrics.watch({ terminalSockets: () => io.of('/').sockets.size });
  // `./dockyard author`: folder packs checked on every save, open pages told (server/content/authoring).
  const authoring = env.DOCKYARD_AUTHORING
    ? new AuthoringMode({ packs: folderPacks(packs.statuses()), io, setIssues: (id, issues) => packs.setIssues(id, issues), log })
    : undefined;
  await authoring?.start();
  // Next's hot reload uses websockets too (in development); socket.io answers only under /socket.io.
  const upgrade = dev ? app.getUpgradeHandler() : undefined;
  server.on('upgrade', (req, socket, head) => {
    if (preview.handleUpgrade(req, socket, head)) return;
    if (upgrade && !req.url?.startsWith('/socket.io')) void upgrade(req, socket, head);
  });

  server.listen(env.PORT, env.HOST, () => {
    log(`Dockyard est prêt : http://localhost:${env.PORT} (moteur de bacs à sable : ${driver.name})`);
  });

  const shutdown = async (signal: string) => {
    log(`${signal} reçu : arrêt propre (les machines de lab et les shells des étudiants sont conservés)`);
    reaper.stop();
    labHealth.stop();
    packs.stop();
    authoring?.stop();
    presence?.stop();
    shells.detachAll();
    // The terminals' last seconds, before the database closes.
    await recordings.recorder?.drain();
    await io.close();
    server.close();
    await driver.stop().catch((err: unknown) => log(`nœuds de réserve non supprimés : ${(err as Error).message}`));
    await cluster.close();
    await db.close();
    process.exit(0);
  };
  // A signal often comes twice (to the process group, and relayed by tsx or npm): the second
  // must not kill the server halfway through removing its spare nodes and their disks.
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    void shutdown(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

main().catch(async (error: unknown) => {
  console.error(`[dockyard] impossible de démarrer : ${(error as Error).message}`);
  await startedDriver?.stop().catch(() => undefined);
  process.exit(1);
});
