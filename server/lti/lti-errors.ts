/**
 * Why a launch, a deep link or a call to a platform was refused. Messages are for the person
 * in front of the LMS (French, saying what to do); `detail` names the exact check that failed,
 * for the admin who registered the platform.
 */
import { AppError } from '../errors';

/** A launch that fails a check (signature, issuer, audience, nonce…): nobody is signed in. */
export class LtiLaunchError extends AppError {
  constructor(detail: string, message = 'Lancement LTI refusé : relancez l’activité depuis votre plateforme de cours. Si cela se reproduit, prévenez l’administrateur de Dockyard.') {
    super(message, 401, detail);
  }
}

/** The platform is not registered (or not with this client id or deployment). */
export class LtiUnknownPlatformError extends AppError {
  constructor(detail: string) {
    super('Cette plateforme de cours n’est pas enregistrée dans Dockyard : un administrateur doit l’ajouter sur la page Administration.', 400, detail);
  }
}

/** A one-time pass (ticket, deep-linking request) that is unknown, used or expired. */
export class LtiExpiredError extends AppError {
  constructor(what: string) {
    super(`${what} a expiré ou a déjà servi : relancez l’activité depuis votre plateforme de cours.`, 410);
  }
}

/** The platform did not answer a token, score or roster request as expected. */
export class LtiPlatformCallError extends AppError {
  constructor(what: string, detail: string) {
    super(`La plateforme de cours n’a pas accepté ${what} : Dockyard réessaiera ; vérifiez l’enregistrement de la plateforme si cela dure.`, 502, detail);
  }
}

/** For the operator's log: the message, and the detail that names what the platform answered. */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const detail = 'detail' in error && typeof error.detail === 'string' ? error.detail : undefined;
  return detail ? `${error.message} (${detail})` : error.message;
}
