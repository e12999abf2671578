/**
 * Gives every browser a signed owner id on its first request, before Next or socket.io see
 * it. The new cookie is also written into the request so that this very request's handlers
 * already know their owner.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { OWNER_COOKIE, type OwnerTokens } from './owner-token';

export function ensureOwnerCookie(req: IncomingMessage, res: ServerResponse, owners: OwnerTokens, secure: boolean): void {
  if (owners.fromCookieHeader(req.headers.cookie)) return;
  const token = owners.issue();
  res.appendHeader('Set-Cookie', owners.setCookieHeader(token, secure));
  const others = (req.headers.cookie ?? '')
    .split(';')
    .filter((part) => part.trim() && !part.trim().startsWith(`${OWNER_COOKIE}=`));
  req.headers.cookie = [...others, `${OWNER_COOKIE}=${token}`].join('; ');
}
