/**
 * The recorder as a terminal feeds it: pieces every few seconds or every N characters, the
 * size first, what was typed, resizes, the rest written on close, and a slow database that
 * costs missing (counted) events, never a blocked terminal. The database is a stand-in here:
 * the real one is in test/integration/recordings.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodePiece } from '@/server/recordings/piece-codec';
import { terminalRecorder, type StoredPiece } from '@/server/recordings/terminal-recorder';

const TERMINAL = { sessionId: 'session-1', node: 'node1' };

function recorderInto(saved: StoredPiece[], options: { save?: (piece: StoredPiece) => Promise<void>; flushChars?: number; log?: (message: string) => void } = {}) {
  let clock = 1_000_000;
  const recorder = terminalRecorder({
    save: options.save ?? (async (piece) => void saved.push(piece)),
    flushMs: 5_000,
    flushChars: options.flushChars ?? 1_000,
    maxPendingWrites: 2,
    now: () => clock,
    log: options.log,
  });
  return { recorder, advance: (ms: number) => (clock += ms) };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('terminal recorder', () => {
  it('writes a piece a few seconds after the first event: size, output and input on the piece’s clock', async () => {
    const saved: StoredPiece[] = [];
    const { recorder, advance } = recorderInto(saved);
    const recording = recorder.start(TERMINAL, { cols: 100, rows: 30 })!;
    recording.output('$ ');
    advance(700);
    recording.input('ls\r');
    advance(50);
    recording.resize({ cols: 120, rows: 40 });
    expect(saved).toHaveLength(0); // buffered: nothing written while the student types
    await vi.advanceTimersByTimeAsync(5_000);
    await recorder.drain();
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ ...TERMINAL, seq: 0, eventCount: 4, dropped: 0, startedAt: new Date(1_000_000), endedAt: new Date(1_000_750) });
    expect(await decodePiece(saved[0]!.data)).toEqual([
      [0, 'r', '100x30'],
      [0, 'o', '$ '],
      [700, 'i', 'ls\r'],
      [750, 'r', '120x40'],
    ]);
  });

  it('starts with the size the terminal had when it first printed, not the one it opened with', async () => {
    const saved: StoredPiece[] = [];
    const { recorder } = recorderInto(saved);
    const recording = recorder.start(TERMINAL, { cols: 80, rows: 24 })!;
    recording.resize({ cols: 132, rows: 43 });
    recording.output('prêt');
    recording.close();
    await recorder.drain();
    expect((await decodePiece(saved[0]!.data))[0]).toEqual([0, 'r', '132x43']);
  });

  it('writes a piece as soon as it holds enough, and the rest when the terminal closes', async () => {
    const saved: StoredPiece[] = [];
    const { recorder } = recorderInto(saved, { flushChars: 100 });
    const recording = recorder.start(TERMINAL, { cols: 80, rows: 24 })!;
    recording.output('x'.repeat(150));
    recording.output('fin');
    recording.close();
    recording.output('après la fermeture');
    await recorder.drain();
    // Pieces are compressed on zlib's threads and may land in any order; their seq orders them.
    const pieces = [...saved].sort((a, b) => a.seq - b.seq);
    expect(pieces.map((piece) => piece.seq)).toEqual([0, 1]);
    expect((await decodePiece(pieces[1]!.data)).map(([, , data]) => data)).toEqual(['fin']);
  });

  it('drops and counts what a slow database cannot take, without ever waiting for it', async () => {
    const saved: StoredPiece[] = [];
    const stuck: Array<() => void> = [];
    const log = vi.fn();
    const { recorder } = recorderInto(saved, {
      log,
      flushChars: 10,
      save: (piece) => new Promise<void>((resolve) => stuck.push(() => (saved.push(piece), resolve()))),
    });
    const recording = recorder.start(TERMINAL, { cols: 80, rows: 24 })!;
    for (let i = 0; i < 5; i += 1) recording.output(`morceau ${i} `); // each fills a piece
    await vi.waitFor(() => expect(stuck).toHaveLength(2)); // two writes at most in flight
    stuck.splice(0).forEach((release) => release());
    await recorder.drain();
    recording.output('la suite');
    recording.close();
    await vi.waitFor(() => expect(stuck).toHaveLength(1));
    stuck.splice(0).forEach((release) => release());
    await recorder.drain();
    // 5 events + the size went into 5 buffers: 2 written, 3 dropped (3 events); the next piece says so.
    expect(saved.map((piece) => piece.dropped)).toEqual([0, 0, 3]);
    // The operator hears of it once, naming the terminal.
    expect(log).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/session-1\/node1 : la base de données ne suit pas/));
  });

  it('stops keeping output past its size limit, still keeps what is typed, and says so once', async () => {
    const saved: StoredPiece[] = [];
    const log = vi.fn();
    const recorder = terminalRecorder({ save: async (piece) => void saved.push(piece), flushChars: 1, maxStoredBytes: 1, log });
    const recording = recorder.start(TERMINAL, { cols: 80, rows: 24 })!;
    recording.output('première page');
    await recorder.drain();
    recording.output('flot sans fin');
    recording.output('encore');
    recording.input('\u0003');
    await recorder.drain();
    const events = await Promise.all(saved.map((piece) => decodePiece(piece.data)));
    expect(events.flat().map(([, code, data]) => `${code}:${data}`)).toEqual(['r:80x24', 'o:première page', 'i:\u0003']);
    expect(saved.at(-1)!.dropped).toBe(2);
    expect(log).toHaveBeenCalledTimes(1);
  });

  it('keeps recording after a write fails, and counts what was lost', async () => {
    const saved: StoredPiece[] = [];
    let fail = true;
    const log = vi.fn();
    const recorder = terminalRecorder({
      save: async (piece) => {
        if (fail) throw new Error('base indisponible');
        saved.push(piece);
      },
      flushChars: 1,
      log,
    });
    const recording = recorder.start(TERMINAL, { cols: 80, rows: 24 })!;
    recording.output('perdu');
    await recorder.drain();
    fail = false;
    recording.output('gardé');
    await recorder.drain();
    expect(saved).toHaveLength(1);
    expect(saved[0]!.dropped).toBe(2);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('base indisponible'));
  });
});
