/**
 * The services the custom server builds at start-up, published on globalThis so that Next's
 * route handlers (bundled separately from server/main.ts) reach the same instances.
 * Route handlers import this file only; they never build services themselves.
 */
import type { UserAdminService } from './accounts/user-admin-service';
import type { Auth } from './auth/better-auth';
import type { CallerResolver } from './auth/caller-resolver';
import type { OwnerTokens } from './auth/owner-token';
import type { ClassService } from './classes/class-service';
import type { ClassAttempts } from './grader/class-attempts';
import type { GraderTokens } from './grader/grader-tokens';
import type { SiteAddress } from './http/csrf';
import type { AttemptLimiter } from './http/rate-limiter';
import type { ClassResults } from './progress/class-results';
import type { ProgressService } from './progress/progress-service';
import type { QuizService } from './quizzes/quiz-service';
import type { LtiService } from './lti/lti-service';
import type { RecordingService } from './recordings/recording-service';
import type { SessionService } from './sessions/session-service';
import type { StepHelpService } from './sessions/step-help';
import type { SupervisionService } from './supervision/supervision-service';
import type { PackManager } from './content/packs/pack-manager';
import type { LabHealthService } from './lab-health/lab-health-service';
import type { HttpMetrics } from './metrics/metric-hooks';

export interface Services {
  sessions: SessionService;
  /** Content packs besides the built-in course: their state for /admin, pulls, admins' packs. */
  packs: PackManager;
  quizzes: QuizService;
  help: StepHelpService;
  owners: OwnerTokens;
  auth: Auth;
  callers: CallerResolver;
  classes: ClassService;
  progress: ProgressService;
  /** Class dashboards, CSV exports and the grader API. */
  results: ClassResults;
  graderTokens: GraderTokens;
  /** The grader API's bulk read of a class's attempts. */
  graderAttempts: ClassAttempts;
  users: UserAdminService;
  /** Replays of students' lab terminals, for their instructors and the grader API. */
  recordings: RecordingService;
  /** Instructors' live view, watch page and previews of their students' sessions. */
  supervision: SupervisionService;
  /** LTI 1.3 with Dockyard as the tool: platforms, launches, deep linking, scores to the LMS, rosters (docs/lti.md). */
  lti: LtiService;
  /** « Santé des labs »: the nightly lab tests, their history, the page and its notices. */
  labHealth: LabHealthService;
  /** What « this server » is, for the routes' cross-site check (http/csrf.ts). */
  site: SiteAddress;
  /** API requests counted by route and status (server/metrics); absent: not counted. */
  metrics?: HttpMetrics;
  limits: {
    /** Lab starts and resets, per owner: each one builds new machines. */
    labStarts: AttemptLimiter;
    /** Checks, per owner and session: each runs a script in the sandbox and stores its output. */
    checks: AttemptLimiter;
    /** Join attempts, per user: a join code must not be guessable by trying. */
    classJoins: AttemptLimiter;
    /** Grader API calls, per token: a gradebook sync, not a scraper. */
    graderApi: AttemptLimiter;
  };
}

const KEY = Symbol.for('dockyard.services');
type Holder = { [KEY]?: Services };

export function publishServices(services: Services): void {
  (globalThis as Holder)[KEY] = services;
}

export function getServices(): Services {
  const services = (globalThis as Holder)[KEY];
  if (!services) {
    throw new Error('Les services de Dockyard ne sont pas démarrés : lancez le serveur avec `npm run start` (server/main.ts).');
  }
  return services;
}
