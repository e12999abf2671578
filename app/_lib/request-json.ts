import type { ErrorEnvelope } from '@/server/terminal/events';

/**
 * Why a call failed when the server sent no message of its own: the UI words these in the
 * reader's language (alertFromError).
 */
export type LocalFailure = 'unreachable' | 'bad-status';

/** An API call that failed, carrying the server's error envelope when there was one. */
export class ApiError extends Error {
  override name = 'ApiError';

  constructor(
    message: string,
    readonly status: number,
    readonly detail?: string,
    readonly localFailure?: LocalFailure,
  ) {
    super(message);
  }
}

function isEnvelope(body: unknown): body is ErrorEnvelope {
  return typeof body === 'object' && body !== null && typeof (body as ErrorEnvelope).message === 'string';
}

/** Fetches JSON from Dockyard's API; any failure becomes an ApiError (the server's message, or a LocalFailure). */
export async function requestJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-store', ...init, headers: { accept: 'application/json', ...init.headers } });
  } catch {
    throw new ApiError(`Cannot reach ${url}`, 0, undefined, 'unreachable');
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
    throw new ApiError(`HTTP ${response.status} from ${url}`, response.status, undefined, 'bad-status');
  }
  return body as T;
}
