/**
 * Output sent to a browser that says when it has drawn it (xterm.js's write callback): the
 * student's terminal paces the shell on it, a watcher is skipped while far behind.
 */
import type { Socket } from 'socket.io';

/** A client that never acknowledges (an old page) must not hold its output back for good. */
const ACK_TIMEOUT_MS = 5_000;

/** Emits `text` under `event`; `drawn` runs once the browser acknowledges it, or after the timeout. */
export function emitUntilDrawn(socket: Socket, event: string, text: string, drawn: () => void): void {
  socket.timeout(ACK_TIMEOUT_MS).emit(event, text, drawn);
}
