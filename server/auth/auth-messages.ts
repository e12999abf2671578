/**
 * better-auth answers in English with a machine code; students read French. Its errors are
 * rewritten here into Dockyard's envelope, by code, saying what to do. The codes our own
 * hooks raise (better-auth.ts) keep their message, already French.
 */
import type { ErrorEnvelope } from '../terminal/events';
import { formatWait } from '../http/rate-limiter';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './account-rules';

const MESSAGES: Record<string, string> = {
  INVALID_EMAIL_OR_PASSWORD: 'E-mail ou mot de passe incorrect. Vérifiez-les, puis réessayez.',
  INVALID_EMAIL: "Cette adresse e-mail n'est pas valide.",
  INVALID_PASSWORD: 'Mot de passe actuel incorrect : vérifiez-le, puis réessayez.',
  PASSWORD_TOO_SHORT: `Mot de passe trop court : choisissez-en un d'au moins ${MIN_PASSWORD_LENGTH} caractères.`,
  PASSWORD_TOO_LONG: `Mot de passe trop long : ${MAX_PASSWORD_LENGTH} caractères au plus.`,
  USER_ALREADY_EXISTS: 'Un compte existe déjà avec cette adresse : connectez-vous plutôt.',
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: 'Un compte existe déjà avec cette adresse : connectez-vous plutôt.',
  BANNED_USER: "Ce compte a été désactivé par un administrateur : adressez-vous à l'équipe qui gère Dockyard.",
  INVALID_ORIGIN: "Requête refusée : elle ne vient pas d'une page de Dockyard. Rechargez la page, puis réessayez.",
  MISSING_OR_NULL_ORIGIN: "Requête refusée : elle ne vient pas d'une page de Dockyard. Rechargez la page, puis réessayez.",
  CROSS_SITE_NAVIGATION_LOGIN_BLOCKED: "Requête refusée : elle ne vient pas d'une page de Dockyard. Rechargez la page, puis réessayez.",
  VALIDATION_ERROR: 'Formulaire incomplet ou invalide : vérifiez l’e-mail, le mot de passe et le nom.',
  FIELD_NOT_ALLOWED: 'Ce champ ne peut pas être choisi à l’inscription.',
  SESSION_EXPIRED: 'Votre connexion a expiré : reconnectez-vous.',
  FAILED_TO_CREATE_USER: "Le compte n'a pas pu être créé. Réessayez dans un instant.",
  FAILED_TO_CREATE_SESSION: "La connexion n'a pas pu être ouverte. Réessayez dans un instant.",
};

/** Raised by our hooks in better-auth.ts, with French messages. */
export const OWN_AUTH_CODES = { invalidName: 'INVALID_NAME', tooManyOnAccount: 'TOO_MANY_ATTEMPTS_ON_ACCOUNT' } as const;
const OWN_CODES: ReadonlySet<string> = new Set(Object.values(OWN_AUTH_CODES));

const GENERIC = "La demande n'a pas abouti. Réessayez ; si le problème persiste, prévenez l'équipe.";

interface AuthErrorBody {
  code?: unknown;
  message?: unknown;
}

/**
 * Dockyard's envelope for one of better-auth's error answers. A message we know needs no
 * detail; an unknown one keeps better-auth's code (or message) as detail, for whoever reports it.
 */
export function translateAuthError(status: number, body: AuthErrorBody | undefined, retryAfterSeconds?: number): ErrorEnvelope {
  const code = typeof body?.code === 'string' ? body.code : undefined;
  if (code && MESSAGES[code]) return { message: MESSAGES[code] };
  if (code && OWN_CODES.has(code) && typeof body?.message === 'string') return { message: body.message };
  // Outside sign-in and sign-up (which take forms too), better-auth reads JSON only, like our routes (http/csrf.ts).
  if (status === 415) return { message: 'Requête refusée : son contenu doit être du JSON (Content-Type: application/json), pas un formulaire.' };
  if (status === 429 && !code) {
    const wait = retryAfterSeconds && retryAfterSeconds > 0 ? formatWait(retryAfterSeconds) : 'une minute';
    return { message: `Trop de tentatives depuis votre connexion : réessayez dans ${wait}.` };
  }
  return { message: GENERIC, detail: code ?? (typeof body?.message === 'string' ? body.message : `HTTP ${status}`) };
}
