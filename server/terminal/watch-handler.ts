/**
 * The instructor's live view on the terminal socket: `terminal:watch` joins one node's shell
 * read-only, if the signed-in user supervises the session's student (SupervisionService).
 * The watcher gets the scrollback, then the output as it comes, in the student's size; the
 * student's terminals are told who is watching. A watcher never pauses the student's shell:
 * when it falls too far behind, its output is skipped and it gets the whole screen again
 * once it has caught up. A watch lasts only as long as the right to it (live-view-guard.ts):
 * once lost, the watcher is told why and disconnected, and the student's banner drops its name.
 * The student may be on another server (web replicas): the watcher's server then opens its own
 * client of the node's shell, at the student's size, and the banner's names travel through
 * socket.io's rooms (watchers-notice.ts).
 */
import type { Socket } from 'socket.io';
import type { ShellSize } from '../../runtime/driver';
import type { SignedInUser } from '../auth/caller';
import { NotFoundError, SignInRequiredError } from '../errors';
import type { SessionService } from '../sessions/session-service';
import { guardLiveView, WATCH_STOPPED, type LiveViewGuardDeps } from '../supervision/live-view-guard';
import type { SupervisionService } from '../supervision/supervision-service';
import { TERMINAL_EVENTS, type TerminalStatus } from './events';
import { emitUntilDrawn } from './drawn-acknowledgement';
import { batchOutput } from './output-batcher';
import { watchSchema } from './protocol';
import type { Observer, ShellHub, TerminalChannel } from './shell-hub';
import { announceWatchers, watchersRoom } from './watchers-notice';

export interface WatchDeps extends LiveViewGuardDeps {
  supervision: Pick<SupervisionService, 'supervisedSession' | 'supervisedOwner'>;
  sessions: Pick<SessionService, 'sandboxFor'>;
  shells: Pick<ShellHub, 'open' | 'channel'>;
  /** Counts the watch against its user's attaches per minute (throws the 429 past it). */
  admit: () => void;
  /** The student's terminal size on another server, when this one has no channel of the node yet. */
  studentSize?: (sessionId: string, node: string) => Promise<ShellSize | undefined>;
  log?: (message: string) => void;
}

/** Undrawn output past which a watcher is skipped until it catches up. */
const WATCHER_BEHIND_CHARS = 256 * 1024;

export function handleWatch(socket: Socket, user: SignedInUser | null, deps: WatchDeps, fail: (error: unknown) => void): void {
  /** Ends the running watch: leaves the channel, stops re-checking the right to it. */
  let unobserve: (() => void) | undefined;
  const stop = () => {
    unobserve?.();
    unobserve = undefined;
  };

  socket.on(TERMINAL_EVENTS.watch, async (raw: unknown) => {
    try {
      const request = watchSchema.parse(raw);
      stop();
      if (!user) throw new SignInRequiredError();
      // A watch replays the scrollback too: it counts like an attach.
      deps.admit();
      socket.emit(TERMINAL_EVENTS.status, { state: 'attaching' } satisfies TerminalStatus);
      const supervised = await deps.supervision.supervisedSession(user, request.sessionId);
      const target = await deps.sessions.sandboxFor(supervised.ownerId, request.sessionId, request.node);
      // Opened here at the student's size (they may type through another server): a tmux
      // client of another size would resize the student's screen.
      const size = deps.shells.channel(request.sessionId, target.node) ? undefined : await deps.studentSize?.(request.sessionId, target.node);
      const { channel } = await deps.shells.open({ sessionId: request.sessionId, node: target.node, sandboxId: target.sandboxId }, size);
      if (socket.disconnected) return;
      // Another watch of this socket may have finished meanwhile: only the latest one stays.
      stop();
      socket.emit(TERMINAL_EVENTS.size, channel.size);
      const history = channel.scrollback.contents();
      if (history) socket.emit(TERMINAL_EVENTS.output, history);
      // Dropped by that very emit (unsent-output.ts): observing now would outlive the socket.
      if (socket.disconnected) return;
      const stopObserving = channel.observe(watcherOf(socket, channel, user.name));
      // Named in the room the students' banners are read from, on every server.
      const room = watchersRoom(channel.key);
      socket.data.watcherName = user.name;
      void socket.join(room);
      announceWatchers(socket.nsp, channel.key, deps.log);
      const stopGuarding = guardLiveView(deps, { headers: socket.handshake.headers, sessionId: request.sessionId }, (error) => {
        stop();
        fail(error ?? new NotFoundError(WATCH_STOPPED));
        // Not to be retried by the browser: the notice stays, « Reconnecter » asks again.
        socket.disconnect();
      });
      unobserve = () => {
        stopObserving();
        stopGuarding();
        void socket.leave(room);
        announceWatchers(socket.nsp, channel.key, deps.log);
      };
      socket.emit(TERMINAL_EVENTS.status, { state: 'ready', restored: history.length > 0 } satisfies TerminalStatus);
    } catch (error) {
      fail(error);
    }
  });

  socket.on('disconnect', stop);
}

/** One watcher's feed: batched like the student's, acknowledged, skipped while far behind. */
function watcherOf(socket: Socket, channel: TerminalChannel, name: string): Observer {
  let undrawn = 0;
  let skipping = false;
  const sendCounted = (event: string, text: string) => {
    undrawn += text.length;
    emitUntilDrawn(socket, event, text, () => {
      undrawn -= text.length;
      if (skipping && undrawn === 0) {
        skipping = false;
        sendCounted(TERMINAL_EVENTS.screen, channel.scrollback.contents());
      }
    });
  };
  const output = batchOutput((text) => sendCounted(TERMINAL_EVENTS.output, text));
  return {
    name,
    output(chunk) {
      if (skipping) return;
      if (undrawn > WATCHER_BEHIND_CHARS) skipping = true;
      else output.push(chunk);
    },
    resized(size) {
      output.flush();
      socket.emit(TERMINAL_EVENTS.size, size);
    },
    exited() {
      output.flush();
      socket.emit(TERMINAL_EVENTS.status, { state: 'exited' } satisfies TerminalStatus);
    },
  };
}
