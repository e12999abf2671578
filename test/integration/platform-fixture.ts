/**
 * Dockyard's services as server/main.ts builds them, on a real embedded database (migrated
 * PGlite in memory) with real better-auth, published for the route handlers. Tests then
 * sign people up through better-auth's real HTTP handler and call route handlers as the
 * browser does: cookies, JSON bodies, error envelopes. The session service has a real Docker
 * driver, which touches the engine only when a test starts a lab.
 */
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { UserAdminService } from '@/server/accounts/user-admin-service';
import { handleAuthRequest } from '@/server/auth/auth-handler';
import { createAuth, passwordHasher, type AuthOptions } from '@/server/auth/better-auth';
import { CallerResolver, findUserWith } from '@/server/auth/caller-resolver';
import { OWNER_COOKIE, OwnerTokens } from '@/server/auth/owner-token';
import type { Role } from '@/server/auth/roles';
import { ClassService } from '@/server/classes/class-service';
import { courseContent } from '@/server/classes/course-content';
import { PackManager } from '@/server/content/packs/pack-manager';
import { packRegistry } from '@/server/content/packs/pack-registry';
import { loadQuiz } from '@/server/content/quiz';
import type { Database } from '@/server/db/database';
import { openTestDatabase } from './test-database';
import { CLIENT_IP_HEADER } from '@/server/http/client-ip';
import { createRateLimits } from '@/server/http/rate-limits';
import { createProgressServices } from '@/server/progress/create-progress-services';
import { QuizService } from '@/server/quizzes/quiz-service';
import { testDriver } from './runtime/test-driver';
import { StepHelpService } from '@/server/sessions/step-help';
import { findLabSpec } from '@/server/sessions/find-lab-spec';
import { SessionService } from '@/server/sessions/session-service';
import { TEST_INSTANCE } from './runtime/fixtures';
import { SupervisionService } from '@/server/supervision/supervision-service';
import { setUpRecordings } from '@/server/recordings/recording-setup';
import { publishServices, type Services } from '@/server/services';
import { LtiService } from '@/server/lti/lti-service';
import { LabHealthService } from '@/server/lab-health/lab-health-service';
import type { HttpMetrics, SessionMetrics } from '@/server/metrics/metric-hooks';

export const ORIGIN = 'http://127.0.0.1:3999';
const SECRET = 'secret-de-test-de-la-plateforme-'.repeat(2);

export interface PlatformOptions {
  anonymousLabs?: boolean;
  /** A quiz service of the test's own (its clock, its quizzes). */
  quizzes?: (prisma: Database['prisma']) => QuizService;
  labStartsPerHour?: number;
  auth?: Partial<Pick<AuthOptions, 'requestsPerMinute' | 'attemptsPerAccount'>>;
  /** Starts, checks and API requests measured (server/metrics/dockyard-metrics.ts). */
  metrics?: SessionMetrics & HttpMetrics;
}

/** A person as a browser holds them: their id and the cookies to send. */
export interface Person {
  id: string;
  email: string;
  cookie: string;
}

export type RouteHandler = (request: Request, context: { params: Promise<unknown> }) => Promise<Response>;

export interface Call {
  as?: Person | { cookie: string };
  body?: unknown;
  params?: Record<string, string>;
  method?: string;
  /** Client address, for the per-address rate limits. */
  ip?: string;
}

export interface Platform {
  db: Database;
  driver: ReturnType<typeof testDriver>;
  services: Services;
  owners: OwnerTokens;
  /** Signs up through better-auth's handler (as the sign-up page does), then gives the role. */
  signUp(options?: { role?: Role; name?: string; email?: string; password?: string }): Promise<Person>;
  /** better-auth's HTTP handler, behind Dockyard's translation of its errors. */
  auth(path: string, body: unknown, options?: { cookie?: string; ip?: string; origin?: string; host?: string }): Promise<Response>;
  call(handler: RouteHandler, url: string, call?: Call): Promise<Response>;
  /** A browser without an account: only Dockyard's signed owner cookie. */
  anonymousBrowser(): { cookie: string; ownerId: string };
  close(): Promise<void>;
}

/** The services main.ts publishes, around a given database and session service. */
export function buildServices(deps: {
  prisma: Database['prisma'];
  owners: OwnerTokens;
  sessions: SessionService;
  quizzes?: QuizService;
  anonymousLabs?: boolean;
  labStartsPerHour?: number;
  auth?: PlatformOptions['auth'];
  packs?: PackManager;
  labHealth?: LabHealthService;
  metrics?: HttpMetrics;
}): Services {
  const auth = createAuth({ prisma: deps.prisma, secret: SECRET, requestsPerMinute: 1000, ...deps.auth });
  const classes = new ClassService({ prisma: deps.prisma, content: courseContent });
  const progressServices = createProgressServices(deps.prisma, classes);
  return {
    sessions: deps.sessions,
    packs: deps.packs ?? new PackManager({ registry: packRegistry(), prisma: deps.prisma, dataDir: tmpdir(), pullMinutes: 0, log: () => undefined }),
    quizzes: deps.quizzes ?? new QuizService({ prisma: deps.prisma, findQuiz: loadQuiz }),
    owners: deps.owners,
    auth,
    callers: new CallerResolver({ findUser: findUserWith(auth), owners: deps.owners, anonymousLabs: deps.anonymousLabs ?? false }),
    classes,
    ...progressServices,
    lti: new LtiService({ prisma: deps.prisma, auth, classes, content: courseContent, progress: progressServices.progress, secret: SECRET, keyRotationDays: 90, log: () => undefined }),
    supervision: new SupervisionService({ prisma: deps.prisma }),
    recordings: setUpRecordings({ prisma: deps.prisma, keepDays: 30 }).service(classes),
    site: { trustProxy: false },
    users: new UserAdminService({ prisma: deps.prisma, endLabSessions: (userId) => deps.sessions.endAllOf(userId, 'disabled'), hashPassword: passwordHasher(auth) }),
    limits: createRateLimits({ labStartsPerHour: deps.labStartsPerHour ?? 1000 }),
    help: new StepHelpService({ prisma: deps.prisma, sessions: deps.sessions, findLab: findLabSpec }),
    labHealth:
      deps.labHealth ??
      new LabHealthService({ prisma: deps.prisma, sessions: deps.sessions, driver: testDriver(TEST_INSTANCE), at: 'off', pageUrl: `${ORIGIN}/sante-des-labs`, log: () => undefined }),
    metrics: deps.metrics,
  };
}

export async function openPlatform(options: PlatformOptions = {}): Promise<Platform> {
  const db = await openTestDatabase();
  const owners = new OwnerTokens(SECRET);
  const driver = testDriver(TEST_INSTANCE);
  const sessions = new SessionService({ prisma: db.prisma, driver, findLab: findLabSpec, metrics: options.metrics });
  const quizzes = options.quizzes?.(db.prisma);
  const services = buildServices({ ...options, prisma: db.prisma, owners, sessions, quizzes });
  publishServices(services);
  const { auth } = services;

  const authCall: Platform['auth'] = (path, body, { cookie, ip = '203.0.113.1', origin = ORIGIN, host } = {}) =>
    handleAuthRequest(
      auth,
      new Request(`${ORIGIN}/api/auth${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin, [CLIENT_IP_HEADER]: ip, ...(cookie && { cookie }), ...(host && { host }) },
        body: JSON.stringify(body),
      }),
    );

  return {
    db,
    driver,
    services,
    owners,
    auth: authCall,
    async signUp({ role = 'student', name = 'Camille Martin', email = `${role}-${randomUUID()}@exemple.fr`, password = 'mot-de-passe-solide' } = {}) {
      // An address of its own: sign-ups made for a test's set-up never use up its rate limits.
      const response = await authCall('/sign-up/email', { email, password, name }, { ip: randomIpv4() });
      if (!response.ok) throw new Error(`inscription refusée : ${response.status} ${await response.text()}`);
      const { user } = (await response.json()) as { user: { id: string } };
      if (role !== 'student') await db.prisma.user.update({ where: { id: user.id }, data: { role } });
      return { id: user.id, email, cookie: cookiesOf(response) };
    },
    call(handler, url, { as, body, params = {}, method, ip = '203.0.113.1' } = {}) {
      const headers: Record<string, string> = { origin: ORIGIN, [CLIENT_IP_HEADER]: ip };
      if (as) headers.cookie = as.cookie;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const request = new Request(`${ORIGIN}${url}`, {
        method: method ?? (body === undefined ? 'GET' : 'POST'),
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return handler(request, { params: Promise.resolve(params) });
    },
    anonymousBrowser() {
      const ownerId = randomUUID();
      return { ownerId, cookie: `${OWNER_COOKIE}=${owners.issue(ownerId)}` };
    },
    async close() {
      const running = await db.prisma.labSession.findMany({ where: { state: 'running' } });
      await Promise.all(running.map((session) => sessions.endSession(session.id, 'test-cleanup')));
      await db.close();
    },
  };
}

/** The Cookie header a browser would send back after this response. */
export function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0] ?? '')
    .filter((pair) => pair && !pair.endsWith('='))
    .join('; ');
}

/** better-auth counts IPv6 clients by /64: distinct IPv4 addresses are distinct clients. */
export function randomIpv4(): string {
  const byte = () => Math.floor(Math.random() * 254) + 1;
  return `10.${byte()}.${byte()}.${byte()}`;
}
