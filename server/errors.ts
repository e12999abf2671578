/**
 * Typed errors that cross the edge (HTTP and socket) and the one envelope they become.
 * Messages are French and say what to do; `detail` carries what an operator needs.
 */
import type { ZodError } from 'zod';
import type { RuntimeErrorCode } from '../runtime/errors';
import type { ErrorEnvelope } from './terminal/events';

/**
 * Errors travel between module instances (Next bundles its own copy of this file), so they
 * are recognised by a global brand rather than by `instanceof`.
 */
const BRAND = Symbol.for('dockyard.app-error');

export class AppError extends Error {
  readonly [BRAND] = true;

  constructor(
    message: string,
    readonly status: number,
    readonly detail?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

function isAppError(error: unknown): error is AppError & { validations?: ErrorEnvelope['validations'] } {
  return typeof error === 'object' && error !== null && BRAND in error;
}

function isZodError(error: unknown): error is ZodError {
  return error instanceof Error && error.name === 'ZodError' && 'issues' in error;
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super(message, 404);
  }
}

export class ValidationError extends AppError {
  constructor(
    message: string,
    readonly validations: NonNullable<ErrorEnvelope['validations']>,
  ) {
    super(message, 400);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super(message, 409);
  }
}

export class UnauthorizedError extends AppError {
  constructor() {
    super("Votre navigateur n'est pas identifié : rechargez la page (les cookies doivent être autorisés).", 401);
  }
}

/** No signed-in user where one is needed: the browser offers « Se connecter ». */
export class SignInRequiredError extends AppError {
  constructor(message = 'Connectez-vous (ou créez un compte) pour continuer.') {
    super(message, 401);
  }
}

/** Signed in, but the role does not allow it. Things that belong to someone else are 404 instead. */
export class ForbiddenError extends AppError {
  constructor(message: string, detail?: string) {
    super(message, 403, detail);
  }
}

/** A body in a format the route does not read: routes read JSON only (http/csrf.ts says why). */
export class UnsupportedMediaTypeError extends AppError {
  constructor(message: string, detail?: string) {
    super(message, 415, detail);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(message: string) {
    super(message, 429);
  }
}

export function fromZod(error: ZodError, what: string): ValidationError {
  return new ValidationError(
    `${what} invalide.`,
    error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  );
}

/** Runtime errors carry French messages meant for people; their code gives the status. */
const RUNTIME_STATUS: Record<RuntimeErrorCode, number> = {
  engine_unavailable: 503,
  image_missing: 503,
  sandbox_start_failed: 503,
  sandbox_not_found: 404,
  sandbox_not_running: 404,
  conflict: 409,
  timeout: 504,
  engine_error: 502,
};

function runtimeStatus(error: unknown): number | undefined {
  if (!(error instanceof Error) || !('code' in error) || typeof error.code !== 'string') return undefined;
  return Object.hasOwn(RUNTIME_STATUS, error.code) ? RUNTIME_STATUS[error.code as RuntimeErrorCode] : undefined;
}

/** Any thrown value → status and envelope. Unknown errors never leak their internals. */
export function toEnvelope(error: unknown): { status: number; body: ErrorEnvelope } {
  if (isZodError(error)) error = fromZod(error, 'Requête');
  if (isAppError(error)) {
    const { message, detail, validations } = error;
    return { status: error.status, body: { message, ...(detail && { detail }), ...(validations && { validations }) } };
  }
  const status = runtimeStatus(error);
  if (status && error instanceof Error) return { status, body: { message: error.message } };
  return {
    status: 500,
    body: { message: "Une erreur inattendue s'est produite. Réessayez ; si elle persiste, prévenez l'équipe." },
  };
}
