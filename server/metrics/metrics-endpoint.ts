/**
 * Answers `/metrics` in Prometheus's text format, before anything else of the server (no
 * cookie, no Next), like the health endpoints. GET and HEAD only. Who may read it:
 * - with DOCKYARD_METRICS_TOKEN, whoever sends `Authorization: Bearer <token>`; anyone else
 *   gets 401, this machine included;
 * - without, only a direct connection from this machine (127.0.0.1, ::1) that no proxy
 *   forwarded (a reverse proxy on the same machine would make every visitor local): anyone
 *   else gets 404, as if there were no such page.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answer } from '../health/health-endpoints';

export const METRICS_PATH = '/metrics';

export type MetricsAccess = 'allowed' | 'unauthorized' | 'hidden';

/** What a proxy adds: a request carrying one did not come from this machine's own scraper. */
const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

export interface MetricsSource {
  render(): Promise<string>;
  readonly contentType: string;
}

export function metricsEndpoint(metrics: MetricsSource, token: string | undefined): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    if (req.url?.split('?')[0] !== METRICS_PATH) return false;
    const access = metricsAccess(req, token);
    if (access === 'hidden') answer(res, 404, { status: 'not found' });
    else if (req.method !== 'GET' && req.method !== 'HEAD') answer(res, 405, { status: 'method not allowed' }, { allow: 'GET, HEAD' });
    else if (access === 'unauthorized') answer(res, 401, { status: 'unauthorized' }, { 'www-authenticate': 'Bearer realm="dockyard-metrics"' });
    else {
      metrics.render().then(
        (text) => {
          res.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' });
          res.end(text);
        },
        (error: unknown) => answer(res, 500, { status: 'error', error: String(error) }),
      );
    }
    return true;
  };
}

export function metricsAccess(req: Pick<IncomingMessage, 'headers' | 'socket'>, token: string | undefined): MetricsAccess {
  if (token) {
    const given = bearerOf(req.headers.authorization);
    return given !== undefined && sameSecret(given, token) ? 'allowed' : 'unauthorized';
  }
  const forwarded = FORWARDING_HEADERS.some((name) => req.headers[name] !== undefined);
  return isLoopback(req.socket.remoteAddress) && !forwarded ? 'allowed' : 'hidden';
}

function bearerOf(header: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
}

/** Compared in constant time: the answer's delay must not tell how much of a guess was right. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function isLoopback(address: string | undefined): boolean {
  return address !== undefined && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}
