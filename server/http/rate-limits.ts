/**
 * The rate limits of Dockyard's own routes, with the French refusal each one gives. Counted
 * in memory by one process (PGlite), in the database when several servers share PostgreSQL
 * (`windows` given): a lab start, a join code guessed, a grader token, a check all cost
 * something every replica shares.
 */
import type { Services } from '../services';
import { formatWait, RateLimiter, type AttemptLimiter, type RateLimit } from './rate-limiter';
import { SharedRateLimiter, type RateWindows } from './shared-rate-limiter';

const HOUR_MS = 3_600_000;
/** Ten wrong codes in ten minutes is a typo streak; thousands would be guessing. */
const CLASS_JOINS = { max: 10, windowMs: 10 * 60_000 };
/** A gradebook sync reads a class in a few calls; a minute of 120 leaves room for a big class. */
const GRADER_API = { max: 120, windowMs: 60_000 };

/** « Vérifier » in one session: a student fixing a step presses it a few times a minute, not dozens. */
export const DEFAULT_CHECKS_PER_MINUTE = 10;

/** One limit, in memory or in the shared table. */
export function attemptLimiter(windows: RateWindows | undefined, name: string, limit: RateLimit, refusal: (seconds: number) => string): AttemptLimiter {
  return windows ? new SharedRateLimiter(windows, name, limit, refusal) : new RateLimiter(limit, refusal);
}

export function createRateLimits(settings: { labStartsPerHour: number; checksPerMinute?: number }, windows?: RateWindows): Services['limits'] {
  return {
    labStarts: attemptLimiter(
      windows,
      'labStarts',
      { max: settings.labStartsPerHour, windowMs: HOUR_MS },
      (seconds) => `Trop de démarrages de lab en une heure : réessayez dans ${formatWait(seconds)}. Pensez à reprendre le lab déjà démarré plutôt que d'en relancer un.`,
    ),
    classJoins: attemptLimiter(
      windows,
      'classJoins',
      CLASS_JOINS,
      (seconds) => `Trop d'essais de code de classe : réessayez dans ${formatWait(seconds)}, en recopiant le code donné par votre enseignant.`,
    ),
    checks: attemptLimiter(
      windows,
      'checks',
      { max: settings.checksPerMinute ?? DEFAULT_CHECKS_PER_MINUTE, windowMs: 60_000 },
      (seconds) => `Trop de vérifications en une minute pour ce lab : réessayez dans ${formatWait(seconds)}, une fois l'étape terminée.`,
    ),
    graderApi: attemptLimiter(
      windows,
      'graderApi',
      GRADER_API,
      (seconds) => `Trop d'appels à l'API de notes avec ce jeton : réessayez dans ${formatWait(seconds)}, et espacez les appels (${GRADER_API.max} par minute au plus).`,
    ),
  };
}
