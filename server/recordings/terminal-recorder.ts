/**
 * Records a terminal as it happens, without ever slowing it: events go into a buffer in
 * memory; every few seconds (or once it holds enough) the buffer becomes a piece, compressed
 * and written to the database in the background. When the database falls behind, buffers are
 * dropped and counted (the next piece says how many events are missing) rather than queued
 * without bound or waited for. The terminal channel (terminal/shell-hub.ts) feeds it through
 * the TerminalRecording interface only.
 */
import { randomUUID } from 'node:crypto';
import { resizeData, type CastCode, type PieceEvent, type TerminalSize } from './asciicast';
import { encodePiece } from './piece-codec';

/** What a terminal channel tells its recording. */
export interface TerminalRecording {
  output(chunk: string): void;
  input(text: string): void;
  resize(size: TerminalSize): void;
  /** The channel closes: the rest is written. */
  close(): void;
}

/** Makes one recording per terminal channel (null: not recorded). */
export interface TerminalRecorder {
  start(terminal: { sessionId: string; node: string }, size: TerminalSize): TerminalRecording | null;
}

/** The recorder the server makes: it can also wait for the pieces being written (before it stops). */
export interface WritingRecorder extends TerminalRecorder {
  drain(): Promise<void>;
}

export interface StoredPiece {
  sessionId: string;
  node: string;
  writer: string;
  seq: number;
  startedAt: Date;
  endedAt: Date;
  eventCount: number;
  dropped: number;
  data: Uint8Array<ArrayBuffer>;
}

export interface RecorderOptions {
  save(piece: StoredPiece): Promise<void>;
  /** A buffer becomes a piece this long after its first event… */
  flushMs?: number;
  /** …or as soon as it holds this many characters. */
  flushChars?: number;
  /** Pieces being written at once per terminal: past it, the next buffer is dropped. */
  maxPendingWrites?: number;
  /**
   * Compressed bytes one recording stores at most: past it, output is no longer kept (what is
   * typed and resizes still are), so that a flood of random bytes cannot fill the database.
   * An active hour takes about 100 KiB (docs/benchmarks.md).
   */
  maxStoredBytes?: number;
  now?: () => number;
  log?: (message: string) => void;
}

const DEFAULTS = { flushMs: 5_000, flushChars: 64 * 1024, maxPendingWrites: 4, maxStoredBytes: 32 * 1024 * 1024 };

export function terminalRecorder(options: RecorderOptions): WritingRecorder {
  const writing = new Set<Promise<void>>();
  const track = (write: Promise<void>) => {
    writing.add(write);
    void write.finally(() => writing.delete(write));
  };
  return {
    // Only these two: the channel's key carries more (its sandbox), which the piece does not keep.
    start: ({ sessionId, node }, size) => new BufferedRecording({ sessionId, node }, size, { ...DEFAULTS, ...options }, track),
    drain: async () => {
      await Promise.allSettled([...writing]);
    },
  };
}

class BufferedRecording implements TerminalRecording {
  private readonly writer = randomUUID();
  private readonly now: () => number;
  private events: PieceEvent[] = [];
  private pieceStart = 0;
  private chars = 0;
  private seq = 0;
  private pending = 0;
  private dropped = 0;
  private stored = 0;
  private timer: NodeJS.Timeout | undefined;
  /** The size the replay starts with: told before the first event of this recording. */
  private initialSize: TerminalSize | undefined;
  private closed = false;
  private toldFull = false;

  constructor(
    private readonly terminal: { sessionId: string; node: string },
    size: TerminalSize,
    private readonly options: Required<Omit<RecorderOptions, 'now' | 'log'>> & Pick<RecorderOptions, 'now' | 'log'>,
    private readonly track: (write: Promise<void>) => void,
  ) {
    this.now = options.now ?? Date.now;
    this.initialSize = size;
  }

  output(chunk: string): void {
    if (this.stored < this.options.maxStoredBytes) this.add('o', chunk);
    else this.leaveOut();
  }

  input(text: string): void {
    this.add('i', text);
  }

  resize(size: TerminalSize): void {
    if (this.initialSize) this.initialSize = size;
    else this.add('r', resizeData(size));
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
  }

  private add(code: CastCode, data: string): void {
    if (this.closed) return;
    const at = this.now();
    if (this.events.length === 0) {
      this.pieceStart = at;
      this.timer = setTimeout(() => this.flush(), this.options.flushMs);
      this.timer.unref();
    }
    if (this.initialSize) {
      this.events.push([0, 'r', resizeData(this.initialSize)]);
      this.initialSize = undefined;
    }
    this.events.push([at - this.pieceStart, code, data]);
    this.chars += data.length;
    if (this.chars >= this.options.flushChars) this.flush();
  }

  private flush(): void {
    clearTimeout(this.timer);
    if (this.events.length === 0) return;
    const events = this.events;
    const startedAt = new Date(this.pieceStart);
    const endedAt = new Date(this.pieceStart + (events.at(-1)?.[0] ?? 0));
    this.events = [];
    this.chars = 0;
    if (this.pending >= this.options.maxPendingWrites) {
      // Once per streak: the next piece written says how many events went.
      if (this.dropped === 0) this.log('la base de données ne suit pas, des événements sont laissés de côté');
      this.dropped += events.length;
      return;
    }
    const dropped = this.dropped;
    this.dropped = 0;
    this.pending += 1;
    const seq = this.seq++;
    const write = encodePiece(events)
      .then((data) => {
        this.stored += data.length;
        return this.options.save({ ...this.terminal, writer: this.writer, seq, startedAt, endedAt, eventCount: events.length, dropped, data });
      })
      .catch((error: unknown) => {
        this.dropped += events.length;
        // Prisma's messages end with the cause, after the call that failed.
        this.log(`morceau perdu (${(error as Error).message.trim().split('\n').at(-1)})`);
      })
      .finally(() => (this.pending -= 1));
    this.track(write);
  }

  /** Output past the recording's size limit: counted as missing, and told once. */
  private leaveOut(): void {
    if (this.closed) return;
    if (!this.toldFull) this.log(`plus de ${Math.round(this.options.maxStoredBytes / 2 ** 20)} Mio enregistrés : la suite de l'affichage n'est plus gardée`);
    this.toldFull = true;
    this.dropped += 1;
  }

  private log(problem: string): void {
    this.options.log?.(`enregistrement du terminal ${this.terminal.sessionId}/${this.terminal.node} : ${problem}`);
  }
}
