/**
 * « Who watches this terminal », across every server (web replica): a watcher's socket joins
 * the node's watchers room, a student's socket its terminal room, and the names are read from
 * the room's sockets wherever they are (socket.io's adapter asks the other servers). So a
 * student on one replica sees the name of an instructor whose live view goes through another.
 */
import type { Namespace, Socket } from 'socket.io';
import { TERMINAL_EVENTS, type WatchersNotice } from './events';
import { channelId, type ShellKey } from './shell-hub';

type NodeKey = Pick<ShellKey, 'sessionId' | 'node'>;

/** The student's sockets of one node's terminal, on every server. */
export const terminalRoom = (key: NodeKey) => `terminal:${channelId(key)}`;
/** Every student socket attached (or attaching) to one of the session's terminals, on any server. */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
/** The watchers of one node's terminal, on every server (each socket's data names its watcher). */
export const watchersRoom = (key: NodeKey) => `watchers:${channelId(key)}`;

/** The other servers answer in milliseconds; one that died is forgotten by the adapter after 6 s. */
const ASK_TIMEOUT_MS = 3_000;
const RETRY_AFTER_MS = 7_000;

export async function watcherNames(nsp: Namespace, key: NodeKey): Promise<string[]> {
  const sockets = await nsp.in(watchersRoom(key)).timeout(ASK_TIMEOUT_MS).fetchSockets();
  return sockets.map((socket) => String((socket.data as { watcherName?: unknown }).watcherName ?? '')).filter(Boolean);
}

/**
 * Tells the node's students, on every server, who watches now. Asked again once if a server
 * did not answer (it may have just died): the notice then leaves it out.
 */
export function announceWatchers(nsp: Namespace, key: NodeKey, log?: (message: string) => void, retried = false): void {
  watcherNames(nsp, key)
    .then((names) => nsp.to(terminalRoom(key)).emit(TERMINAL_EVENTS.watchers, { names } satisfies WatchersNotice))
    .catch((error: Error) => {
      if (retried) return log?.(`terminal : spectateurs non annoncés (${error.message})`);
      setTimeout(() => announceWatchers(nsp, key, log, true), RETRY_AFTER_MS).unref();
    });
}

/** Tells one student's socket, just attached, who watches already. */
export function tellWatchers(socket: Socket, key: NodeKey): void {
  watcherNames(socket.nsp, key)
    .then((names) => socket.emit(TERMINAL_EVENTS.watchers, { names } satisfies WatchersNotice))
    .catch(() => socket.emit(TERMINAL_EVENTS.watchers, { names: [] } satisfies WatchersNotice));
}
