/**
 * Answers `/healthz` and `/readyz` before anything else of the server (no cookie, no Next), in
 * JSON: 200 when alive / ready, 503 with the failing checks otherwise. GET and HEAD only.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkReadiness, type ReadinessProbes } from './readiness';

export const HEALTH_PATHS = { live: '/healthz', ready: '/readyz' } as const;

export function healthEndpoints(probes: ReadinessProbes): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const path = req.url?.split('?')[0];
    if (path !== HEALTH_PATHS.live && path !== HEALTH_PATHS.ready) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      answer(res, 405, { status: 'method not allowed' }, { allow: 'GET, HEAD' });
      return true;
    }
    if (path === HEALTH_PATHS.live) {
      answer(res, 200, { status: 'alive' });
      return true;
    }
    void checkReadiness(probes).then(
      (readiness) => answer(res, readiness.ready ? 200 : 503, { status: readiness.ready ? 'ready' : 'not ready', checks: readiness.checks }),
      (error: unknown) => answer(res, 503, { status: 'not ready', error: String(error) }),
    );
    return true;
  };
}

/** A JSON answer that no cache keeps (also /metrics' refusals, server/metrics/metrics-endpoint.ts). */
export function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}
