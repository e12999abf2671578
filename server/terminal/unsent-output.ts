/**
 * Drops a socket whose client stopped reading. Flow control (gateway.ts) paces the shell on
 * the browser's acknowledgements, but a client that never reads still receives every
 * scrollback replay, error and status it provokes: engine.io queues them in memory for as
 * long as the connection lives, which let one socket grow the server by hundreds of MiB.
 *
 * Unsent output is what engine.io holds for the socket (packets queued since its last flush
 * to the transport) plus what its websocket has not yet written to the network. Packets
 * handed to a long-polling response leave that count, but Node stops reading the next poll
 * of a client that leaves responses unread, so its later packets queue here again.
 */
import type { Socket } from 'socket.io';

/** engine.io's websocket transport keeps its `ws` socket here (not part of its typings). */
interface WebSocketTransport {
  socket?: { bufferedAmount?: number; terminate?: () => void };
}

function websocketOf(socket: Socket): WebSocketTransport['socket'] {
  return (socket.conn.transport as unknown as WebSocketTransport).socket;
}

function sizeOf(data: unknown): number {
  if (typeof data === 'string') return data.length;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}

/** Watches `socket`'s unsent output; past `maxChars` it is dropped and `onDrop` told how much was waiting. */
export function dropWhenUnread(socket: Socket, maxChars: number, onDrop: (unsent: number) => void): void {
  let queued = 0;
  let dropped = false;
  const conn = socket.conn;
  conn.on('packetCreate', (packet: { data?: unknown }) => {
    queued += sizeOf(packet.data);
    const unsent = queued + (websocketOf(socket)?.bufferedAmount ?? 0);
    if (unsent <= maxChars || dropped) return;
    dropped = true;
    onDrop(unsent);
    // At once, inside the emit that crossed the cap: emits still to come in this turn of the
    // event loop (a burst of attaches all resuming together) then find the socket closed and
    // queue nothing. Their callers check `socket.disconnected` after emitting.
    drop(socket);
  });
  conn.on('flush', () => (queued = 0));
}

/**
 * A polite close waits for the queue to drain, which never happens here: the transport is
 * discarded at once (engine.io forgets its queue) and the websocket terminated (a close
 * handshake would keep its buffer for 30 s, waiting for a client that does not read).
 */
function drop(socket: Socket): void {
  const websocket = websocketOf(socket);
  socket.disconnect(true);
  socket.conn.close(true);
  websocket?.terminate?.();
}
