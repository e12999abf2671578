/**
 * What app/api/auth/[...all] runs: better-auth's own handler, with its error answers put
 * into Dockyard's envelope (French message, code as detail). Successful answers, cookies
 * and headers pass untouched.
 */
import { toEnvelope } from '../errors';
import type { Auth } from './better-auth';
import { translateAuthError } from './auth-messages';

export async function handleAuthRequest(auth: Pick<Auth, 'handler'>, request: Request): Promise<Response> {
  let response: Response;
  try {
    response = await auth.handler(request);
  } catch (error) {
    const { status, body } = toEnvelope(error);
    if (status === 500) console.error('[dockyard] auth', request.url, error);
    return Response.json(body, { status });
  }
  if (response.status < 400 || !response.headers.get('content-type')?.includes('application/json')) return response;
  const body = (await response.json().catch(() => undefined)) as { code?: unknown; message?: unknown } | undefined;
  const retryAfter = Number(response.headers.get('x-retry-after') ?? '');
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  if (Number.isFinite(retryAfter) && retryAfter > 0) headers.set('retry-after', String(retryAfter));
  return Response.json(translateAuthError(response.status, body, retryAfter), { status: response.status, headers });
}
