import type { ErrorEnvelope } from '@/server/terminal/events';

/** An API call that failed, carrying the server's error envelope when there was one. */
export class ApiError extends Error {
  override name = 'ApiError';

  constructor(
    message: string,
    readonly status: number,
    readonly detail?: string,
  ) {
    super(message);
  }
}

function isEnvelope(body: unknown): body is ErrorEnvelope {
  return typeof body === 'object' && body !== null && typeof (body as ErrorEnvelope).message === 'string';
}

/** Fetches JSON from Dockyard's API; any failure becomes an ApiError with a French message. */
export async function requestJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-store', ...init, headers: { accept: 'application/json', ...init.headers } });
  } catch {
    throw new ApiError('Impossible de joindre le serveur Dockyard : vérifiez votre connexion, puis réessayez.', 0);
  }
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (a proxy's error page, say): the status alone will have to do.
  }
  if (!response.ok) {
    if (isEnvelope(body)) throw new ApiError(body.message, response.status, body.detail);
    throw new ApiError(`Le serveur a répondu par une erreur (${response.status}). Réessayez dans un instant.`, response.status);
  }
  return body as T;
}
