/** Small helpers around Docker exec streams, shared by exec() and shells. */
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';

/**
 * Collects Docker's multiplexed exec output (frames: 1 byte stream type, 3 zero bytes, 4 bytes
 * big-endian size, payload) into one buffer, stdout and stderr in arrival order, as a person
 * would see them. Decoding happens once at the end, so UTF-8 split across frames stays intact.
 */
export class OutputCollector {
  private pending: Buffer = Buffer.alloc(0);
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private truncated = false;

  constructor(private readonly maxBytes: number) {}

  push(data: Buffer): void {
    this.pending = this.pending.length > 0 ? Buffer.concat([this.pending, data]) : data;
    while (this.pending.length >= 8) {
      const length = this.pending.readUInt32BE(4);
      if (this.pending.length < 8 + length) return;
      const type = this.pending[0];
      const payload = this.pending.subarray(8, 8 + length);
      this.pending = this.pending.subarray(8 + length);
      if (type === 1 || type === 2) this.keep(payload);
    }
  }

  text(): string {
    const out = Buffer.concat(this.chunks).toString('utf8');
    return this.truncated ? `${out}\n[… sortie tronquée à ${this.maxBytes} octets …]\n` : out;
  }

  private keep(payload: Buffer): void {
    const room = this.maxBytes - this.size;
    if (payload.length > room) this.truncated = true;
    const kept = payload.length > room ? payload.subarray(0, Math.max(room, 0)) : payload;
    if (kept.length > 0) {
      this.chunks.push(kept);
      this.size += kept.length;
    }
  }
}

/** Resolves when the stream ended or closed (a hijacked socket may only emit 'close'). */
export function streamFinished(stream: Readable): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (): void => resolve();
    stream.once('end', done);
    stream.once('close', done);
    stream.once('error', reject);
  });
}

/**
 * The exec's exit code. The stream can end a moment before the engine records the exit,
 * so poll briefly; null if the engine never says (e.g. the container vanished).
 */
export async function execExitCode(exec: Docker.Exec): Promise<number | null> {
  for (let attempt = 0; attempt < 40; attempt += 1) {
    try {
      const info = await exec.inspect();
      if (!info.Running) return info.ExitCode ?? null;
    } catch {
      return null;
    }
    await sleep(25);
  }
  return null;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
