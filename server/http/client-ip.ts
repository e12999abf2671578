/**
 * The client's address, decided once per request by the custom server and handed on in a
 * header of ours, so that rate limits (better-auth's and ours) count the right client. A
 * value the client sent in that header is always overwritten; X-Forwarded-For is believed
 * only when the operator says a proxy adds it (DOCKYARD_TRUST_PROXY).
 */
import type { IncomingMessage } from 'node:http';

export const CLIENT_IP_HEADER = 'x-dockyard-client-ip';

export function assignClientIp(req: IncomingMessage, trustProxy: boolean): void {
  req.headers[CLIENT_IP_HEADER] = clientIp(req, trustProxy);
}

export function clientIp(req: Pick<IncomingMessage, 'headers' | 'socket'>, trustProxy: boolean): string {
  if (trustProxy) {
    // The proxy appends the address it saw: the last entry is the only one it vouches for.
    const forwarded = String(req.headers['x-forwarded-for'] ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
    const last = forwarded.at(-1);
    if (last) return last;
  }
  return (req.socket.remoteAddress ?? 'inconnue').replace(/^::ffff:/, '');
}
