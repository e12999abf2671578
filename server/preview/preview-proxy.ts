/**
 * Port preview: a server the student runs in a sandbox (`docker run -d -p 8080:80 nginx`)
 * opens in the browser at /preview/{session}/{node}/{port}/… . The custom server hands every
 * /preview/ request (and websocket upgrade) here before Next sees it. Only the session's
 * owner gets through: by owner cookie on the entry URL, which redirects to a granted URL
 * (see preview-route.ts and preview-grants.ts), then through SessionService.sandboxFor like
 * the terminal. The student's instructors (and admins) get through the entry URL too: the
 * grant they receive names the student, as if the student had opened it (SupervisionService). Bodies stream both ways untouched; headers follow preview-headers.ts.
 * « Owner cookie » here means whatever identifies the lab owner: the signed-in user's session
 * cookie, or in workshop mode the browser's owner cookie (auth/caller.ts).
 */
import { Agent, STATUS_CODES, request as httpRequest, type ClientRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { pipeline } from 'node:stream';
import type { SandboxDriver, SandboxEndpoint } from '../../runtime/driver';
import type { CallerResolver } from '../auth/caller-resolver';
import { NotFoundError, toEnvelope } from '../errors';
import type { SessionService } from '../sessions/session-service';
import type { SupervisionService } from '../supervision/supervision-service';
import {
  connectionDropped,
  invalidAnswer,
  sendFailure,
  tooSlow,
  upstreamFailure,
  writeFailure,
  type PreviewFailure,
} from './preview-errors';
import type { PreviewGrants } from './preview-grants';
import {
  forwardableHead,
  forwardRequestHeaders,
  rewriteResponseHeaders,
  type PreviewTarget,
} from './preview-headers';
import { isPreviewUrl, parsePreviewUrl, previewPrefix, upstreamPath, type PreviewRoute } from './preview-route';

export interface PreviewProxyDeps {
  callers: Pick<CallerResolver, 'resolve'>;
  grants: PreviewGrants;
  supervision: Pick<SupervisionService, 'supervisedOwner'>;
  sessions: Pick<SessionService, 'sandboxFor' | 'touch'>;
  driver: Pick<SandboxDriver, 'endpoint' | 'connect'>;
  log?: (message: string) => void;
  /** No TCP connection to the student's server after this long: 504. */
  connectTimeoutMs?: number;
  /** No response headers this long after the request started: 504. */
  responseTimeoutMs?: number;
  /** A started response (or upload) silent this long is cut. */
  idleTimeoutMs?: number;
}

const DEFAULTS = { connectTimeoutMs: 5_000, responseTimeoutMs: 60_000, idleTimeoutMs: 120_000 };
/** Preview traffic marks the session active, but at most this often (a database write). */
const TOUCH_EVERY_MS = 30_000;

interface Resolved {
  target: PreviewTarget;
  endpoint: SandboxEndpoint;
  /** The stream to the student's port (driver.connect): the server needs no route to the node. */
  tunnel: Duplex;
}

export class PreviewProxy {
  private readonly timeouts: typeof DEFAULTS;
  private readonly touchedAt = new Map<string, number>();

  constructor(private readonly deps: PreviewProxyDeps) {
    this.timeouts = {
      connectTimeoutMs: deps.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs,
      responseTimeoutMs: deps.responseTimeoutMs ?? DEFAULTS.responseTimeoutMs,
      idleTimeoutMs: deps.idleTimeoutMs ?? DEFAULTS.idleTimeoutMs,
    };
  }

  /** Takes the request if it is a preview URL (true), whatever the outcome. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    if (!isPreviewUrl(req.url)) return false;
    this.serve(req, res).catch((error: unknown) => sendFailure(req, res, this.failureOf(error)));
    return true;
  }

  /** Takes a websocket upgrade aimed at a preview URL (true). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    if (!isPreviewUrl(req.url)) return false;
    socket.on('error', () => socket.destroy());
    this.serveUpgrade(req, socket, head).catch((error: unknown) => writeFailure(socket, this.failureOf(error)));
    return true;
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const route = this.parse(req.url);
    const ownerId = route.grant ? this.deps.grants.verify(route.grant, route.sessionId) : await this.cookieOwner(req, route.sessionId);
    const { sandboxId } = await this.deps.sessions.sandboxFor(ownerId ?? '', route.sessionId, route.node);
    const grant = route.grant ?? this.deps.grants.issue(ownerId ?? '', route.sessionId);
    const prefix = previewPrefix(route, grant);
    // The entry URL, and a granted one without its trailing slash, move to the page's real
    // address, so that the page's relative links resolve under the prefix.
    if (!route.grant || route.rest === '' || route.rest.startsWith('?')) {
      const rest = route.rest === '' || route.rest.startsWith('?') ? `/${route.rest}` : route.rest;
      res.writeHead(route.grant ? 308 : 307, { location: `${prefix}${rest}`, 'cache-control': 'no-store' });
      res.end();
      return;
    }
    const endpoint = await this.deps.driver.endpoint(sandboxId, route.port);
    const tunnel = await this.deps.driver.connect(sandboxId, route.port);
    this.touch(route.sessionId);
    this.forward(req, res, route, { target: { ...route, prefix, grant }, endpoint, tunnel });
  }

  private forward(req: IncomingMessage, res: ServerResponse, route: PreviewRoute, { target, endpoint, tunnel }: Resolved): void {
    const where = { node: route.node, port: route.port };
    let settled = false;
    const fail = (failure: PreviewFailure) => {
      if (settled) return;
      settled = true;
      upstream.destroy();
      sendFailure(req, res, failure);
    };
    const upstream = this.open(req, route, { target, endpoint, tunnel }, false, fail);
    // A 101 nobody asked for: without this listener Node closes the socket without a word.
    upstream.on('upgrade', (_upRes, upSocket) => {
      upSocket.destroy();
      fail(invalidAnswer(where));
    });
    upstream.on('response', (upRes) => {
      if (settled) return void upRes.destroy();
      // Whatever the student's server sent, a throw here (an event handler) would end the
      // whole process: the answer is checked first, and anything else becomes a 502.
      try {
        const headers = rewriteResponseHeaders(upRes.headers, {
          target,
          upstreamHost: endpoint.host,
          publicHost: req.headers.host,
        });
        const head = forwardableHead(upRes.statusCode, upRes.statusMessage, headers);
        if (!head) {
          upRes.destroy();
          return fail(invalidAnswer(where));
        }
        settled = true;
        upRes.socket.setTimeout(this.timeouts.idleTimeoutMs, () => upRes.destroy());
        res.writeHead(head.status, head.message, headers);
      } catch (error) {
        this.deps.log?.(`aperçu : réponse de ${route.node}:${route.port} impossible à transmettre : ${(error as Error).message}`);
        upRes.destroy();
        // writeHead may have kept the refused reason phrase: the 502 must not meet it again.
        res.statusMessage = '';
        if (!res.headersSent) return fail(invalidAnswer(where));
        settled = true;
        return void res.destroy();
      }
      // A student's server dying mid-body cuts the browser's response too, as it should.
      pipeline(upRes, res, () => undefined);
    });
    // The browser went away: stop talking to the student's server. (No pipeline from req:
    // its error handling would destroy the browser's socket before the 502 page is sent.)
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.on('error', () => upstream.destroy());
    req.pipe(upstream);
  }

  private async serveUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const route = this.parse(req.url);
    // A websocket cannot follow a redirect: on the entry URL the cookie is enough.
    const ownerId = route.grant ? this.deps.grants.verify(route.grant, route.sessionId) : await this.cookieOwner(req, route.sessionId);
    const { sandboxId } = await this.deps.sessions.sandboxFor(ownerId ?? '', route.sessionId, route.node);
    const grant = route.grant ?? this.deps.grants.issue(ownerId ?? '', route.sessionId);
    const endpoint = await this.deps.driver.endpoint(sandboxId, route.port);
    const tunnel = await this.deps.driver.connect(sandboxId, route.port);
    this.touch(route.sessionId);
    const target = { ...route, prefix: previewPrefix(route, grant), grant };
    const context = { target, upstreamHost: endpoint.host, publicHost: req.headers.host };

    let settled = false;
    const upstream = this.open(req, route, { target, endpoint, tunnel }, true, (failure) => {
      if (settled) return;
      settled = true;
      upstream.destroy();
      writeFailure(socket, failure);
    });
    upstream.on('upgrade', (upRes, upSocket, upHead) => {
      settled = true;
      const headers = rewriteResponseHeaders(upRes.headers, context);
      delete headers['content-security-policy'];
      socket.write(headLines(101, 'Switching Protocols', { ...headers, connection: 'Upgrade', upgrade: upRes.headers.upgrade }));
      if (upHead.length > 0) socket.write(upHead);
      if (head.length > 0) upSocket.write(head);
      upSocket.on('error', () => socket.destroy());
      socket.on('close', () => upSocket.destroy());
      upSocket.on('close', () => socket.destroy());
      upSocket.pipe(socket).pipe(upSocket);
    });
    // The student's server answered without switching protocols: pass its answer on, if it
    // is valid HTTP (see forward()).
    upstream.on('response', (upRes) => {
      if (settled) return void upRes.destroy();
      settled = true;
      let lines: string | undefined;
      try {
        const headers = rewriteResponseHeaders(upRes.headers, context);
        const head = forwardableHead(upRes.statusCode, upRes.statusMessage, headers);
        if (head) lines = headLines(head.status, head.message ?? STATUS_CODES[head.status] ?? '', headers);
      } catch {
        lines = undefined;
      }
      if (!lines) {
        upRes.destroy();
        return writeFailure(socket, invalidAnswer({ node: route.node, port: route.port }));
      }
      upRes.socket.setTimeout(this.timeouts.idleTimeoutMs, () => upRes.destroy());
      socket.write(lines);
      pipeline(upRes, socket, () => undefined);
    });
    upstream.end();
  }

  /** Opens the request to the student's server, with the connect and response deadlines. */
  private open(
    req: IncomingMessage,
    route: PreviewRoute,
    { target, tunnel }: Resolved,
    upgrade: boolean,
    fail: (failure: PreviewFailure) => void,
  ): ClientRequest {
    const where = { node: route.node, port: route.port };
    const upstream = httpRequest({
      agent: tunnelAgent(tunnel),
      method: req.method,
      path: upstreamPath(route.rest),
      headers: forwardRequestHeaders(req.headers, { target, remoteAddress: req.socket.remoteAddress, upgrade }),
      setHost: false,
    });
    const seconds = (ms: number) => Math.round(ms / 100) / 10;
    const responseTimer = setTimeout(
      () => fail(tooSlow(where, seconds(this.timeouts.responseTimeoutMs), 'response')),
      this.timeouts.responseTimeoutMs,
    );
    let connectTimer: NodeJS.Timeout | undefined;
    upstream.on('socket', (socket) => {
      // The tunnel may be connected already (driver.connect): then there is nothing to wait for.
      if (!socket.connecting) return;
      connectTimer = setTimeout(
        () => fail(tooSlow(where, seconds(this.timeouts.connectTimeoutMs), 'connect')),
        this.timeouts.connectTimeoutMs,
      );
      socket.once('connect', () => clearTimeout(connectTimer));
    });
    const clear = () => {
      clearTimeout(responseTimer);
      clearTimeout(connectTimer);
    };
    upstream.on('response', clear);
    upstream.on('upgrade', clear);
    upstream.on('error', (error: NodeJS.ErrnoException) => fail(upstreamFailure(error, where)));
    // Closed with no answer and no error (Node drops some answers silently): never leave the
    // browser waiting. After an answer or an error this is a no-op (`fail` settles once).
    upstream.on('close', () => {
      clear();
      fail(connectionDropped(where));
    });
    return upstream;
  }

  private parse(url: string | undefined): PreviewRoute {
    const route = parsePreviewUrl(url ?? '');
    if (!route) {
      throw new NotFoundError(
        "Adresse d'aperçu invalide : elle a la forme /preview/{session}/{machine}/{port}/, par exemple /preview/…/node1/8080/.",
      );
    }
    return route;
  }

  /** An unknown owner owns nothing: the session service then answers exactly as for a stranger. */
  /** Whose session the entry URL opens: the caller's own, or a student's the caller supervises. */
  private async cookieOwner(req: IncomingMessage, sessionId: string): Promise<string | null> {
    const caller = await this.deps.callers.resolve(req.headers);
    const supervised = caller.user && (await this.deps.supervision.supervisedOwner(caller.user, sessionId));
    return supervised || (caller.tryLabOwner()?.id ?? null);
  }

  private touch(sessionId: string): void {
    const now = Date.now();
    if (now - (this.touchedAt.get(sessionId) ?? 0) < TOUCH_EVERY_MS) return;
    this.touchedAt.set(sessionId, now);
    if (this.touchedAt.size > 10_000) this.touchedAt.clear();
    this.deps.sessions.touch(sessionId).catch(() => undefined);
  }

  private failureOf(error: unknown): PreviewFailure {
    const failure = toEnvelope(error);
    if (failure.status >= 500) this.deps.log?.(`aperçu : ${(error as Error).message}`);
    return failure;
  }
}

/**
 * One agent per request, whose only connection is the tunnel to the student's port: Node's
 * `createConnection` request option is ignored as soon as an agent is involved (even
 * `agent: false`), so the agent itself hands the tunnel over. No pool of connections into
 * sandboxes that may vanish.
 */
function tunnelAgent(tunnel: Duplex): Agent {
  const agent = new Agent({ keepAlive: false, maxSockets: 1 });
  agent.createConnection = () => tunnel as Socket;
  return agent;
}

function headLines(status: number, message: string, headers: Record<string, unknown>): string {
  const lines = [`HTTP/1.1 ${status} ${message}`];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) lines.push(`${name}: ${String(item)}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n`;
}
