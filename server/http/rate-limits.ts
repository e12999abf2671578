/** The rate limits of Dockyard's own routes, with the French refusal each one gives. */
import type { Services } from '../services';
import { formatWait, RateLimiter } from './rate-limiter';

const HOUR_MS = 3_600_000;
/** Ten wrong codes in ten minutes is a typo streak; thousands would be guessing. */
const CLASS_JOINS = { max: 10, windowMs: 10 * 60_000 };
/** A gradebook sync reads a class in a few calls; a minute of 120 leaves room for a big class. */
const GRADER_API = { max: 120, windowMs: 60_000 };

/** « Vérifier » in one session: a student fixing a step presses it a few times a minute, not dozens. */
export const DEFAULT_CHECKS_PER_MINUTE = 10;

export function createRateLimits(settings: { labStartsPerHour: number; checksPerMinute?: number }): Services['limits'] {
  return {
    labStarts: new RateLimiter(
      { max: settings.labStartsPerHour, windowMs: HOUR_MS },
      (seconds) => `Trop de démarrages de lab en une heure : réessayez dans ${formatWait(seconds)}. Pensez à reprendre le lab déjà démarré plutôt que d'en relancer un.`,
    ),
    classJoins: new RateLimiter(
      CLASS_JOINS,
      (seconds) => `Trop d'essais de code de classe : réessayez dans ${formatWait(seconds)}, en recopiant le code donné par votre enseignant.`,
    ),
    checks: new RateLimiter(
      { max: settings.checksPerMinute ?? DEFAULT_CHECKS_PER_MINUTE, windowMs: 60_000 },
      (seconds) => `Trop de vérifications en une minute pour ce lab : réessayez dans ${formatWait(seconds)}, une fois l'étape terminée.`,
    ),
    graderApi: new RateLimiter(
      GRADER_API,
      (seconds) => `Trop d'appels à l'API de notes avec ce jeton : réessayez dans ${formatWait(seconds)}, et espacez les appels (${GRADER_API.max} par minute au plus).`,
    ),
  };
}
