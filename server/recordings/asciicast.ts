/**
 * The asciicast v2 format (https://docs.asciinema.org/manual/asciicast/v2/): a JSON header
 * line, then one JSON array per event, [seconds since the start, code, data]. A terminal's
 * recording is stored in pieces (recording-store.ts), each with its own wall-clock start and
 * events timed from it; this module turns pieces back into one .cast. Pure: no I/O.
 */

/** o: output, i: what the student typed, r: resize ("COLSxROWS"), m: a mark (check, hint…). */
export type CastCode = 'o' | 'i' | 'r' | 'm';

/** An event as a piece stores it: milliseconds from the piece's start. */
export type PieceEvent = [offsetMs: number, code: CastCode, data: string];

export interface CastPiece {
  /** One recorder (one terminal channel on one server). */
  writer: string;
  seq: number;
  startedAt: Date;
  endedAt: Date;
  events: PieceEvent[];
}

export interface CastMark {
  at: Date;
  label: string;
}

export interface TerminalSize {
  cols: number;
  rows: number;
}

export const ASCIICAST_CONTENT_TYPE = 'application/x-asciicast';

/** Until the recording says otherwise (its first resize event). */
const DEFAULT_SIZE: TerminalSize = { cols: 80, rows: 24 };

export function resizeData(size: TerminalSize): string {
  return `${size.cols}x${size.rows}`;
}

function sizeOf(data: string): TerminalSize | undefined {
  const match = /^(\d+)x(\d+)$/.exec(data);
  return match ? { cols: Number(match[1]), rows: Number(match[2]) } : undefined;
}

/**
 * The pieces to replay, in time order. Two servers may record the same terminal at once (a
 * student with two tabs on two replicas): the same output would then play twice, so while
 * one writer's pieces run, another's overlapping them are left out.
 */
export function orderPieces<P extends Omit<CastPiece, 'events'>>(pieces: readonly P[]): P[] {
  const sorted = [...pieces].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || a.seq - b.seq);
  const kept: P[] = [];
  for (const piece of sorted) {
    const last = kept.at(-1);
    const overlapsAnother = last && last.writer !== piece.writer && piece.startedAt.getTime() < last.endedAt.getTime();
    if (!overlapsAnother) kept.push(piece);
  }
  return kept;
}

/**
 * One .cast from pieces already in order (orderPieces) and marks (placed at their time,
 * before the start: at 0). Times are seconds from the first piece's start, wall clock: a
 * pause between two pieces is a pause in the replay (the player can shorten idle time).
 */
export function assembleCast(pieces: readonly CastPiece[], marks: readonly CastMark[] = [], title?: string): string {
  const start = pieces[0]?.startedAt.getTime() ?? marks[0]?.at.getTime() ?? 0;
  const events: Array<[number, CastCode, string]> = [];
  for (const piece of pieces) {
    const base = piece.startedAt.getTime() - start;
    for (const [offset, code, data] of piece.events) events.push([base + offset, code, data]);
  }
  for (const mark of marks) events.push([Math.max(0, mark.at.getTime() - start), 'm', mark.label]);
  // Stable: events of one time keep their recorded order, marks come after them.
  events.sort((a, b) => a[0] - b[0]);

  const firstSize = events.find(([, code]) => code === 'r');
  const size = (firstSize && sizeOf(firstSize[2])) ?? DEFAULT_SIZE;
  const header = {
    version: 2,
    width: size.cols,
    height: size.rows,
    timestamp: Math.floor(start / 1000),
    env: { TERM: 'xterm-256color' },
    ...(title && { title }),
  };
  const lines = [JSON.stringify(header), ...events.map(([ms, code, data]) => JSON.stringify([ms / 1000, code, data]))];
  return `${lines.join('\n')}\n`;
}
