/**
 * What one server's terminals tell the other servers' (web replicas sharing PostgreSQL), through
 * socket.io's adapter; nothing to tell with one process. Each server holds its own tmux client
 * of a node's shell (shell-hub.ts), so:
 * - a session ended here: every server closes its channels of it, and their sockets get `exited`;
 * - a student's terminal resized here: the other servers' channels of that node follow (their
 *   tmux clients, so that tmux keeps the student's size, and their watchers' screens);
 * - a server opening a live view asks the others for the student's size, to attach at it.
 */
import type { Server } from 'socket.io';
import type { ShellSize } from '../../runtime/driver';
import { terminalSizeSchema } from './protocol';
import type { ShellHub } from './shell-hub';

const EVENTS = { ended: 'dockyard:session-ended', resized: 'dockyard:terminal-resized', size: 'dockyard:terminal-size' } as const;

/** How long a live view waits for the student's size before it attaches at its own. */
const SIZE_TIMEOUT_MS = 1_000;

export interface ReplicaEvents {
  sessionEnded(sessionId: string): void;
  resized(sessionId: string, node: string, size: ShellSize): void;
  /** The size a student's terminal of that node has on another server, if one has it open. */
  studentSize(sessionId: string, node: string): Promise<ShellSize | undefined>;
}

const alone: ReplicaEvents = { sessionEnded: () => undefined, resized: () => undefined, studentSize: async () => undefined };

export function replicaEvents(io: Server, shells: ShellHub, shared: boolean): ReplicaEvents {
  if (!shared) return alone;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  io.on(EVENTS.ended, (sessionId: unknown) => shells.closeSession(text(sessionId)));
  io.on(EVENTS.resized, (sessionId: unknown, node: unknown, raw: unknown) => {
    const size = terminalSizeSchema.safeParse(raw);
    if (size.success) void shells.channel(text(sessionId), text(node))?.resize(size.data).catch(() => undefined);
  });
  io.on(EVENTS.size, (sessionId: unknown, node: unknown, reply: unknown) => {
    const channel = shells.channel(text(sessionId), text(node));
    if (typeof reply === 'function') reply(channel && channel.viewerCount > 0 ? channel.size : null);
  });
  return {
    sessionEnded: (sessionId) => io.serverSideEmit(EVENTS.ended, sessionId),
    resized: (sessionId, node, size) => io.serverSideEmit(EVENTS.resized, sessionId, node, size),
    studentSize: (sessionId, node) =>
      new Promise((resolve) => {
        // The adapter waits for every server's answer (5 s for one that just died): not that long.
        setTimeout(() => resolve(undefined), SIZE_TIMEOUT_MS).unref();
        io.serverSideEmit(EVENTS.size, sessionId, node, (_error: unknown, sizes: unknown[]) => {
          const found = (sizes ?? []).map((s) => terminalSizeSchema.safeParse(s)).find((s) => s.success);
          resolve(found?.data);
        });
      }),
  };
}
