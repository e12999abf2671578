/** An interactive shell on a Docker exec with a TTY: what a web terminal is wired to. */
import type { Duplex } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type Docker from 'dockerode';
import type { Shell, ShellSize } from '../driver';
import { execExitCode, streamFinished } from './exec-io';

/** If hanging up did not end the shell, drop the connection anyway after this long. */
const KILL_GRACE_MS = 3_000;

export class DockerShell implements Shell {
  // Multi-byte UTF-8 characters may be split across chunks: the decoder keeps the partial bytes.
  private readonly decoder = new StringDecoder('utf8');
  private readonly dataListeners: Array<(chunk: string) => void> = [];
  private readonly exitListeners: Array<(code: number | null) => void> = [];
  /** Output that arrived before anyone listened (the first prompt), replayed to the first listener. */
  private early: string[] = [];
  private ended = false;
  private exitCode: number | null | undefined;
  private killTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly exec: Docker.Exec,
    private readonly stream: Duplex,
    /** Sends SIGHUP to the shell inside the sandbox, like a closed terminal would. */
    private readonly hangUp: () => Promise<void>,
  ) {
    stream.on('data', (chunk: Buffer) => this.emit(this.decoder.write(chunk)));
    const finish = (): void => void this.finish();
    streamFinished(stream).then(finish, finish);
  }

  write(data: string): void {
    if (!this.ended && this.stream.writable) this.stream.write(data);
  }

  async resize({ cols, rows }: ShellSize): Promise<void> {
    // A hidden browser tab reports 0×0: ignore it. Resizing is cosmetic, so a finished exec
    // or any engine refusal is not worth an error.
    if (this.ended || !(cols >= 1) || !(rows >= 1)) return;
    try {
      await this.exec.resize({ h: Math.floor(rows), w: Math.floor(cols) });
    } catch {
      /* the exec ended meanwhile */
    }
  }

  onData(listener: (chunk: string) => void): void {
    this.dataListeners.push(listener);
    if (this.early.length > 0) {
      const replay = this.early.join('');
      this.early = [];
      listener(replay);
    }
  }

  pause(): void {
    this.stream.pause();
  }

  resume(): void {
    this.stream.resume();
  }

  onExit(listener: (code: number | null) => void): void {
    if (this.exitCode !== undefined) listener(this.exitCode);
    else this.exitListeners.push(listener);
  }

  kill(): void {
    if (this.ended || this.killTimer) return;
    // Closing the connection alone would leave bash running in the sandbox (Docker does not
    // kill an exec whose client left), so hang it up from inside, then drop the stream.
    this.killTimer = setTimeout(() => this.stream.destroy(), KILL_GRACE_MS);
    this.killTimer.unref();
    this.hangUp().catch(() => this.stream.destroy());
  }

  private emit(text: string): void {
    if (text.length === 0) return;
    if (this.dataListeners.length === 0) this.early.push(text);
    for (const listener of this.dataListeners) listener(text);
  }

  private async finish(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.killTimer);
    this.emit(this.decoder.end());
    this.exitCode = await execExitCode(this.exec);
    for (const listener of this.exitListeners.splice(0)) listener(this.exitCode);
  }
}
