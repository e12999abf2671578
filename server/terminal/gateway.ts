/**
 * The terminal gateway: one socket.io connection per terminal. It authenticates the socket
 * as route handlers do (the signed-in user, or the browser's owner cookie in workshop mode),
 * checks that the session belongs to that owner, then joins the socket to the node's shell
 * (replaying its scrollback first). An instructor's read-only live view uses the same socket
 * (watch-handler.ts). Every message is validated.
 */
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import type { SignedInUser } from '../auth/caller';
import type { CallerResolver } from '../auth/caller-resolver';
import { toEnvelope } from '../errors';
import { crossSiteRefusal, type SiteAddress } from '../http/csrf';
import { formatWait, RateLimiter } from '../http/rate-limiter';
import { endedMessage } from '../sessions/end-reasons';
import type { SessionService } from '../sessions/session-service';
import type { SupervisionService } from '../supervision/supervision-service';
import { TERMINAL_EVENTS, type SessionEndedNotice, type TerminalStatus } from './events';
import { attachSchema, inputSchema, terminalSizeSchema } from './protocol';
import { emitUntilDrawn } from './drawn-acknowledgement';
import { batchOutput } from './output-batcher';
import type { ShellHub, TerminalChannel } from './shell-hub';
import { SocketQuota } from './socket-quota';
import { DEFAULT_TERMINAL_LIMITS, type TerminalLimits } from './terminal-limits';
import { dropWhenUnread } from './unsent-output';
import { replicaEvents, type ReplicaEvents } from './replica-events';
import { handleWatch } from './watch-handler';
import { sessionRoom, terminalRoom, tellWatchers } from './watchers-notice';

export interface GatewayDeps {
  callers: Pick<CallerResolver, 'resolve'>;
  sessions: SessionService;
  shells: ShellHub;
  supervision: Pick<SupervisionService, 'supervisedSession' | 'supervisedOwner'>;
  /** Per-user bounds (terminal-limits.ts); the defaults where not given. */
  limits?: Partial<TerminalLimits>;
  /** What « this server » is, for the cross-site check of the handshake (by default: its Host). */
  site?: SiteAddress;
  /**
   * Several servers on one PostgreSQL (server/cluster): socket.io's adapter carries room
   * broadcasts and the servers' own events (replica-events.ts) to the others.
   */
  cluster?: { shared: boolean; socketAdapter?: ServerOptions['adapter'] };
  log?: (message: string) => void;
}

/** The socket.io server, and what it tells the other servers. */
export type TerminalGateway = Server & { replicas: ReplicaEvents };

/**
 * What a server does when one of its sessions ends (SessionService's onEnded): the session's
 * terminals close on every server, and its student hears why, whichever server their
 * terminal is on (the adapter carries room broadcasts), unless they ended it themselves.
 * `gateway`: known once attached (the session service is made first).
 */
export function whenSessionEnded(shells: ShellHub, gateway: () => TerminalGateway | undefined) {
  return (sessionId: string, reason: string): void => {
    shells.closeSession(sessionId);
    const io = gateway();
    if (!io) return;
    io.replicas.sessionEnded(sessionId);
    const message = endedMessage(reason);
    const outcome = reason === 'restored' ? 'restored' : reason.startsWith('paused-') ? 'paused' : undefined;
    if (message) io.to(sessionRoom(sessionId)).emit(TERMINAL_EVENTS.ended, { message, outcome } satisfies SessionEndedNotice);
  };
}

/** Counts one attach or live view of a user; throws the French 429 past the limit. */
type AttachAdmission = (userId: string) => void;

/**
 * Flow control: output the browser has not yet drawn (it acknowledges each message once
 * xterm.js has processed it). Above HIGH the shell is paused, below LOW it goes on, so a
 * flood never queues seconds of output in front of the student's next keystroke. LOW is
 * close to HIGH so that the shell goes on once a message or two are acknowledged: the browser
 * always has the next message at hand instead of draining to nothing and waiting a round trip
 * (with LOW at a quarter of HIGH, it sat idle for a good part of a flood).
 */
const HIGH_WATER_CHARS = 128 * 1024;
const LOW_WATER_CHARS = 96 * 1024;

/** Input marks the session active, but at most this often (a database write each time). */
const TOUCH_EVERY_MS = 30_000;

/** The handshake as the cross-site check reads requests (http/csrf.ts). */
function handshakeRequest(req: IncomingMessage): Pick<Request, 'method' | 'headers' | 'url'> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
  }
  return { method: req.method ?? 'GET', headers, url: req.url ?? '/' };
}

export function attachTerminalGateway(httpServer: HttpServer, deps: GatewayDeps): TerminalGateway {
  const io = new Server(httpServer, {
    path: '/socket.io',
    serveClient: false,
    maxHttpBufferSize: 128 * 1024,
    // Websockets only: one connection from handshake to close, so a load balancer in front of
    // several servers needs no sticky sessions (long-polling's requests could reach different
    // servers); the browser asks for websockets only too.
    transports: ['websocket'],
    ...(deps.cluster?.socketAdapter ? { adapter: deps.cluster.socketAdapter } : {}),
    // A page elsewhere must not open a terminal with the student's cookies (cross-site
    // websocket hijacking): the handshake passes the same check as state-changing routes.
    allowRequest: (req, callback) => {
      const refusal = crossSiteRefusal(handshakeRequest(req), deps.site ?? { trustProxy: false });
      if (refusal) deps.log?.(`terminal : poignée de main refusée (${refusal})`);
      callback(refusal ? 'Connexion refusée : elle vient d’une page extérieure à Dockyard.' : null, refusal === null);
    },
  });
  const limits = { ...DEFAULT_TERMINAL_LIMITS, ...deps.limits };
  const quota = new SocketQuota(limits.socketsPerUser);
  const attaches = new RateLimiter(
    { max: limits.attachesPerMinute, windowMs: 60_000 },
    (seconds) => `Trop de connexions au terminal en une minute : réessayez dans ${formatWait(seconds)}. Un seul onglet par lab suffit.`,
  );
  const admit: AttachAdmission = (userId) => attaches.take(userId);
  const replicas = replicaEvents(io, deps.shells, deps.cluster?.shared ?? false);

  // Once per connection: a user signed out or disabled later loses the terminal when their
  // sessions end (disabling an account ends them).
  io.use((socket, next) => {
    deps.callers
      .resolve(socket.handshake.headers)
      .then((caller) => {
        socket.data.ownerId = caller.labOwner().id;
        socket.data.user = caller.user;
        quota.claim(socket.data.ownerId as string, socket);
        next();
      })
      // The browser shows this message: French, and never an internal error's details.
      .catch((error: unknown) => next(new Error(toEnvelope(error).body.message)));
  });

  io.on('connection', (socket) => {
    dropWhenUnread(socket, limits.unsentMaxChars, (unsent) =>
      deps.log?.(`terminal : connexion coupée, ${unsent} caractères en attente d'envoi (le client ne lit plus)`),
    );
    handleTerminal(socket, deps, admit, replicas);
  });
  return Object.assign(io, { replicas });
}

function handleTerminal(socket: Socket, deps: GatewayDeps, admit: AttachAdmission, replicas: ReplicaEvents): void {
  const ownerId = socket.data.ownerId as string;
  let channel: TerminalChannel | undefined;
  /** Leaves the channel: its output and its « who watches » notices. */
  let detach: (() => void) | undefined;
  let lastTouch = 0;

  const fail = (error: unknown) => {
    const { body, status } = toEnvelope(error);
    if (status >= 500) deps.log?.(`terminal : ${(error as Error).message}`);
    socket.emit(TERMINAL_EVENTS.error, body);
  };
  let inFlight = 0;
  const viewer = (chunk: string) => output.push(chunk);
  const output = batchOutput((text) => {
    inFlight += text.length;
    if (inFlight > HIGH_WATER_CHARS) channel?.setBehind(viewer, true);
    emitUntilDrawn(socket, TERMINAL_EVENTS.output, text, () => {
      inFlight -= text.length;
      if (inFlight < LOW_WATER_CHARS) channel?.setBehind(viewer, false);
    });
  });
  const status = (value: TerminalStatus) => {
    output.flush(); // a status never overtakes the output before it
    socket.emit(TERMINAL_EVENTS.status, value);
  };

  let joinedSession: string | undefined;
  const leave = () => {
    detach?.();
    detach = undefined;
  };

  socket.on(TERMINAL_EVENTS.attach, async (raw: unknown) => {
    try {
      const request = attachSchema.parse(raw);
      // Before any work: each attach replays the scrollback.
      admit(ownerId);
      leave();
      status({ state: 'attaching' });
      const target = await deps.sessions.sandboxFor(ownerId, request.sessionId, request.node);
      // Kept even if the shell cannot open (its machine is down): the end of the session is told here.
      if (joinedSession !== request.sessionId) {
        if (joinedSession) void socket.leave(sessionRoom(joinedSession));
        joinedSession = request.sessionId;
        void socket.join(sessionRoom(joinedSession));
      }
      const opened = await deps.shells.open(
        { sessionId: request.sessionId, node: target.node, sandboxId: target.sandboxId },
        request,
      );
      if (socket.disconnected) return;
      // Another attach of this socket may have finished meanwhile: only the latest one stays.
      leave();
      channel = opened.channel;
      const history = channel.scrollback.contents();
      if (history) socket.emit(TERMINAL_EVENTS.output, history);
      // Dropped by that very emit (unsent-output.ts): joining the channel now would outlive the socket.
      if (socket.disconnected) return;
      inFlight = 0;
      const stopViewing = channel.watch(viewer, () => status({ state: 'exited' }));
      // « Who watches » reaches the student's sockets through this room, from any server.
      const room = terminalRoom(channel.key);
      void socket.join(room);
      detach = () => {
        stopViewing();
        void socket.leave(room);
      };
      tellWatchers(socket, channel.key);
      if (opened.reused) {
        await channel.resize(request);
        replicas.resized(channel.key.sessionId, channel.key.node, { cols: request.cols, rows: request.rows });
      }
      status({ state: 'ready', restored: history.length > 0 });
      void deps.sessions.touch(request.sessionId);
    } catch (error) {
      fail(error);
    }
  });

  socket.on(TERMINAL_EVENTS.input, (raw: unknown) => {
    const data = inputSchema.safeParse(raw);
    if (!data.success || !channel || channel.exited) return;
    channel.typed(data.data);
    if (Date.now() - lastTouch > TOUCH_EVERY_MS) {
      lastTouch = Date.now();
      void deps.sessions.touch(channel.key.sessionId).catch(fail);
    }
  });

  socket.on(TERMINAL_EVENTS.resize, (raw: unknown) => {
    const size = terminalSizeSchema.safeParse(raw);
    if (!size.success || !channel) return;
    // A failed resize must never break the terminal.
    channel.resize(size.data).catch(() => undefined);
    replicas.resized(channel.key.sessionId, channel.key.node, size.data);
  });

  socket.on('disconnect', leave);

  handleWatch(socket, socket.data.user as SignedInUser | null, { ...deps, admit: () => admit(ownerId), studentSize: replicas.studentSize }, fail);
}
