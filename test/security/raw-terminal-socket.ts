/**
 * A terminal socket as an attacker holds it: socket.io's protocol spoken over a bare TCP
 * connection (a websocket handshake, engine.io and socket.io packets in masked text frames),
 * which, once connected, writes and never reads. Neither socket.io-client nor a websocket
 * library lets a client stop reading while it keeps writing.
 */
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

export interface RawTerminalSocket {
  /** Emits a socket.io event, as `socket.emit(event, payload)` would. */
  emit(event: string, payload: unknown): void;
  /** Reads again: the text packets received since, once the server stops sending or closes. */
  resume(): Promise<{ packets: string[]; closed: boolean }>;
  /** True once the connection is gone. */
  readonly closed: boolean;
  destroy(): void;
}

/** Connects to the terminal gateway at `url` with `cookie`, joins socket.io's main namespace, then stops reading. */
export async function rawTerminalSocket(url: string, cookie: string): Promise<RawTerminalSocket> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  // Writes after the server dropped the connection fail: that is what this client expects.
  socket.on('error', () => undefined);
  const reader = frameReader(socket);
  socket.write(
    [
      'GET /socket.io/?EIO=4&transport=websocket HTTP/1.1',
      `Host: ${hostname}:${port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      `Cookie: ${cookie}`,
      '',
      '',
    ].join('\r\n'),
  );
  await reader.until((packet) => packet.startsWith('0{'), 'engine.io open');
  socket.write(frame('40'));
  await reader.until((packet) => packet.startsWith('40'), 'socket.io connect');
  socket.pause();
  return {
    emit: (event, payload) => {
      if (!socket.destroyed) socket.write(frame(`42${JSON.stringify([event, payload])}`));
    },
    async resume() {
      reader.packets.length = 0;
      socket.resume();
      // Until nothing came for a second (everything queued was read), or the connection closed.
      let seen = -1;
      while (!socket.destroyed && seen !== reader.received) {
        seen = reader.received;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
      return { packets: [...reader.packets], closed: socket.destroyed };
    },
    get closed() {
      return socket.destroyed;
    },
    destroy: () => socket.destroy(),
  };
}

/** The text payloads of the server's frames, after its HTTP 101 answer. */
function frameReader(socket: Socket) {
  let buffer = Buffer.alloc(0);
  let upgraded = false;
  const state = { packets: [] as string[], received: 0 };
  socket.on('data', (chunk: Buffer) => {
    state.received += chunk.length;
    buffer = Buffer.concat([buffer, chunk]);
    if (!upgraded) {
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      upgraded = true;
      buffer = buffer.subarray(end + 4);
    }
    for (;;) {
      const parsed = parseFrame(buffer);
      if (!parsed) return;
      if (parsed.opcode === 1) state.packets.push(parsed.payload.toString('utf8'));
      buffer = buffer.subarray(parsed.length);
    }
  });
  return {
    packets: state.packets,
    get received() {
      return state.received;
    },
    async until(match: (packet: string) => boolean, what: string): Promise<void> {
      const deadline = Date.now() + 10_000;
      while (!state.packets.some(match)) {
        if (Date.now() > deadline || socket.destroyed) throw new Error(`attendu : ${what} ; reçu : ${state.packets.join(' | ')}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}

/** One unmasked server frame at the start of `buffer`, or null until it has fully arrived. */
function parseFrame(buffer: Buffer): { opcode: number; payload: Buffer; length: number } | null {
  if (buffer.length < 2) return null;
  const opcode = (buffer[0] ?? 0) & 0x0f;
  let size = (buffer[1] ?? 0) & 0x7f;
  let offset = 2;
  if (size === 126) {
    if (buffer.length < 4) return null;
    size = buffer.readUInt16BE(2);
    offset = 4;
  } else if (size === 127) {
    if (buffer.length < 10) return null;
    size = Number(buffer.readBigUInt64BE(2));
    offset = 10;
  }
  if (buffer.length < offset + size) return null;
  return { opcode, payload: buffer.subarray(offset, offset + size), length: offset + size };
}

/** A masked client text frame (RFC 6455: a client masks everything it sends). */
function frame(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const header = payload.length < 126 ? Buffer.from([0x81, 0x80 | payload.length]) : Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 0xff]);
  const mask = randomBytes(4);
  const masked = Buffer.alloc(payload.length);
  for (let i = 0; i < payload.length; i++) masked[i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0);
  return Buffer.concat([header, mask, masked]);
}
