/**
 * A stream to a TCP port inside a node, through Incus's exec API: `socat` in the node joins
 * its standard streams to the port, and Incus carries them over websockets. The server needs
 * no route to the node's address, so a web server on another machine than the node's
 * cluster member reaches a student's page all the same (port preview).
 */
import { Duplex } from 'node:stream';
import type WebSocket from 'ws';
import type { IncusClient } from './incus-client';
import { NODE_ENV } from './node-exec';

/** What socat says when the connection fails, as the errors Node's own sockets would raise. */
const SOCAT_ERRORS: Array<[RegExp, string]> = [
  [/connection refused/i, 'ECONNREFUSED'],
  [/no route to host|network is unreachable/i, 'EHOSTUNREACH'],
  [/timed out/i, 'ETIMEDOUT'],
];

export async function openNodeTunnel(client: IncusClient, name: string, address: string, port: number): Promise<Duplex> {
  const op = await client.start(`/1.0/instances/${name}/exec`, {
    // -d -d: socat says when it is connected (the stream's 'connect', like a socket's).
    // -t 0.1: once the student's server has closed, the rest follows within 0.1 s (socat's
    // default 0.5 s would delay every answer whose end is the connection's close).
    command: ['socat', '-d', '-d', '-t', '0.1', '-', `TCP:${address}:${port}`],
    environment: NODE_ENV,
    interactive: false,
    'wait-for-websocket': true,
  });
  const fds = (op.metadata?.fds ?? {}) as Record<string, string>;
  const open = (fd: string) => client.openWebSocket(op.id, fds[fd] ?? '');
  const [input, output, errors, control] = await Promise.all([open('0'), open('1'), open('2'), open('control')]);
  return new NodeTunnel(input, output, errors, control);
}

/**
 * Stands where Node's HTTP client expects a net.Socket: the socket methods it calls are here
 * too (an idle timeout that behaves like a socket's; Nagle and keep-alive mean nothing here).
 */
class NodeTunnel extends Duplex {
  private stderr = '';
  private received = false;
  private idleMs = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  /** As a socket's: true until socat has connected to the port. */
  connecting = true;

  constructor(
    private readonly input: WebSocket,
    private readonly output: WebSocket,
    private readonly errors: WebSocket,
    private readonly control: WebSocket,
  ) {
    super();
    output.on('message', (data: Buffer) => {
      if (data.length === 0) return; // Incus's last message before closing: not data
      this.received = true;
      // Back-pressure: stop reading the node until the consumer wants more.
      if (!this.push(data)) output.pause();
    });
    errors.on('message', (data: Buffer) => {
      const wasConnected = /successfully connected/.test(this.stderr);
      this.stderr += data.toString('utf8');
      if (!wasConnected && /successfully connected/.test(this.stderr)) {
        this.connecting = false;
        this.emit('connect');
      }
    });
    // socat has ended once both its outputs are closed: only then is what it said complete.
    const closed = (ws: WebSocket) => new Promise((resolve) => ws.once('close', resolve));
    void Promise.all([closed(output), closed(errors)]).then(() => {
      const failure = this.received ? undefined : failureOf(this.stderr);
      if (failure) this.destroy(failure);
      else this.push(null);
    });
    for (const ws of [input, output, errors, control]) ws.on('error', (err) => this.destroy(err));
  }

  override _read(): void {
    this.output.resume();
  }

  setTimeout(ms: number, onTimeout?: () => void): this {
    this.idleMs = ms;
    if (onTimeout) this.once('timeout', onTimeout);
    this.active();
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  /** Some traffic: the idle timeout starts again. */
  private active(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = this.idleMs > 0 ? setTimeout(() => this.emit('timeout'), this.idleMs) : undefined;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.active();
    this.input.send(chunk, callback);
  }

  /** The other side's end of file: closing standard input's websocket is socat's EOF. */
  override _final(callback: (error?: Error | null) => void): void {
    this.input.close();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    clearTimeout(this.idleTimer);
    for (const ws of [this.input, this.output, this.errors, this.control]) ws.terminate();
    callback(error);
  }
}

/** socat's error lines ("socat[42] E connect(…): Connection refused"), as a socket's error. */
function failureOf(stderr: string): NodeJS.ErrnoException | undefined {
  const said = stderr.split('\n').filter((line) => / E /.test(line)).join('\n').trim();
  if (said === '') return undefined;
  const error: NodeJS.ErrnoException = new Error(said);
  error.code = SOCAT_ERRORS.find(([pattern]) => pattern.test(said))?.[1] ?? 'ECONNRESET';
  return error;
}
