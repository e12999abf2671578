/**
 * The student's terminal: an interactive exec session of Incus (a PTY inside the node, its
 * bytes over a websocket), attached to the shell that lives in the node's tmux session
 * (images/lab-node/shell.sh). The server holds no PTY and no process of its own: if it
 * goes away, the shell goes on in the node, and the next attach finds it again, screen and all.
 */
import { StringDecoder } from 'node:string_decoder';
import type WebSocket from 'ws';
import type { Shell, ShellSize } from '../driver';
import type { IncusClient } from './incus-client';
import { NODE_ENV } from './node-exec';

/** Ending the shell waits this long for the exec session to close before dropping it. */
const KILL_GRACE_MS = 3_000;
/** Typing held until the shell's first output is sent anyway after this long (a silent shell). */
const HOLD_INPUT_MS = 5_000;

export async function openNodeShell(client: IncusClient, name: string, size: ShellSize): Promise<Shell> {
  const { cols, rows } = { cols: clamp(size.cols), rows: clamp(size.rows) };
  const op = await client.start(`/1.0/instances/${name}/exec`, {
    command: ['/usr/local/sbin/dockyard-shell', String(cols), String(rows)],
    environment: { ...NODE_ENV, TERM: 'xterm-256color' },
    cwd: '/root',
    interactive: true,
    'wait-for-websocket': true,
    width: cols,
    height: rows,
  });
  const fds = (op.metadata?.fds ?? {}) as Record<string, string>;
  const [terminal, control] = await Promise.all([
    client.openWebSocket(op.id, fds['0'] ?? ''),
    client.openWebSocket(op.id, fds.control ?? ''),
  ]);
  return new NodeShell(client, name, op.id, terminal, control);
}

class NodeShell implements Shell {
  private exitCode: number | null | undefined;
  private readonly exitListeners: Array<(code: number | null) => void> = [];
  private readonly dataListeners: Array<(chunk: string) => void> = [];
  /** Output that arrived before anyone listened (the first screen), replayed to the first listener. */
  private early: string[] = [];
  private readonly decoder = new StringDecoder('utf8');
  private killTimer: NodeJS.Timeout | undefined;
  /**
   * What is typed before tmux has drawn anything: the exec's terminal is then still in cooked
   * mode, and tmux, once started, dropped such input (a student's first command, seen lost
   * in CI on a loaded machine). tmux's first output comes after it has put the terminal in
   * raw mode, so input waits for it.
   */
  private heldInput: string[] | null = [];
  private readonly holdTimer: NodeJS.Timeout;

  constructor(
    private readonly client: IncusClient,
    private readonly name: string,
    private readonly operationId: string,
    private readonly terminal: WebSocket,
    private readonly control: WebSocket,
  ) {
    terminal.on('message', (data: Buffer) => this.emit(this.decoder.write(data)));
    terminal.once('close', () => void this.ended());
    // When the shell ends (`exit`, kill()), Incus closes the control socket but keeps the
    // terminal's open until the client closes its side (its PTY mirror waits for us), and the
    // exec only finishes then: close it, or the terminal would never see the shell end.
    // close(), not terminate(): output still on its way is received before the close.
    control.once('close', () => this.terminal.close());
    // A dead socket is a closed terminal: 'close' follows 'error'.
    terminal.on('error', () => undefined);
    control.on('error', () => undefined);
    this.holdTimer = setTimeout(() => this.releaseInput(), HOLD_INPUT_MS);
    this.holdTimer.unref();
  }

  write(data: string): void {
    if (this.heldInput) this.heldInput.push(data);
    else if (this.exitCode === undefined) this.terminal.send(Buffer.from(data, 'utf8'));
  }

  private releaseInput(): void {
    clearTimeout(this.holdTimer);
    const held = this.heldInput;
    this.heldInput = null;
    if (held && held.length > 0) this.write(held.join(''));
  }

  async resize({ cols, rows }: ShellSize): Promise<void> {
    // A hidden browser tab reports 0×0: ignore it.
    if (this.exitCode !== undefined || !(cols >= 1) || !(rows >= 1)) return;
    const args = { width: String(clamp(cols)), height: String(clamp(rows)) };
    this.control.send(JSON.stringify({ command: 'window-resize', args }));
  }

  onData(listener: (chunk: string) => void): void {
    this.dataListeners.push(listener);
    if (this.early.length > 0) listener(this.early.splice(0).join(''));
  }

  onExit(listener: (code: number | null) => void): void {
    if (this.exitCode !== undefined) listener(this.exitCode);
    else this.exitListeners.push(listener);
  }

  /** Stops reading: Incus's side of the socket fills, then the PTY, and the shell waits. */
  pause(): void {
    this.terminal.pause();
  }

  resume(): void {
    this.terminal.resume();
  }

  /** Ends the shell itself (its tmux session), not only this connection to it. */
  kill(): void {
    if (this.exitCode !== undefined || this.killTimer) return;
    this.killTimer = setTimeout(() => this.detach(), KILL_GRACE_MS);
    this.killTimer.unref();
    void this.client
      .start(`/1.0/instances/${this.name}/exec`, {
        command: ['tmux', 'kill-session', '-t', 'dockyard'],
        environment: NODE_ENV,
        interactive: false,
        'wait-for-websocket': false,
      })
      .catch(() => this.detach());
  }

  /** Lets go of the shell, which goes on in the node: the next attach finds it again. */
  detach(): void {
    this.terminal.terminate();
    this.control.terminate();
  }

  private emit(chunk: string): void {
    if (chunk.length === 0) return;
    if (this.heldInput) queueMicrotask(() => this.releaseInput());
    if (this.dataListeners.length === 0) this.early.push(chunk);
    for (const listener of this.dataListeners) listener(chunk);
  }

  private async ended(): Promise<void> {
    clearTimeout(this.killTimer);
    clearTimeout(this.holdTimer);
    this.heldInput = null;
    this.emit(this.decoder.end());
    this.control.terminate();
    // The exit code is recorded once Incus has finished with both sockets: wait for it, briefly.
    const op = await this.client.waitOperation(this.operationId, 5).catch(() => undefined);
    this.exitCode = typeof op?.metadata?.return === 'number' ? op.metadata.return : null;
    for (const listener of this.exitListeners.splice(0)) listener(this.exitCode);
  }
}

function clamp(n: number): number {
  return Math.max(1, Math.min(1000, Math.floor(n)));
}
