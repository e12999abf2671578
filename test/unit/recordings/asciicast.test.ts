/**
 * The .cast a grader downloads and the player replays: asciicast v2 header and events, pieces
 * written by successive servers joined on one clock, a second server's duplicate left out,
 * marks in place, and pieces that survive compression unchanged.
 */
import { describe, expect, it } from 'vitest';
import { assembleCast, orderPieces, type CastPiece } from '@/server/recordings/asciicast';
import { decodePiece, encodePiece } from '@/server/recordings/piece-codec';

const at = (seconds: number) => new Date(Date.UTC(2027, 0, 10, 9, 0, seconds));

function piece(writer: string, seq: number, startSecond: number, events: CastPiece['events']): CastPiece {
  const last = events.at(-1)?.[0] ?? 0;
  return { writer, seq, startedAt: at(startSecond), endedAt: new Date(at(startSecond).getTime() + last), events };
}

function parse(cast: string) {
  const [header, ...events] = cast.trimEnd().split('\n').map((line) => JSON.parse(line) as unknown);
  return { header: header as Record<string, unknown>, events: events as Array<[number, string, string]> };
}

describe('asciicast v2', () => {
  it('starts with a header at the first size and times events in seconds from the start', () => {
    const cast = parse(assembleCast([piece('a', 0, 0, [[0, 'r', '120x40'], [0, 'o', '$ '], [1500, 'i', 'ls\r'], [1600, 'o', 'ls\r\nfichier\r\n']])]));
    expect(cast.header).toMatchObject({ version: 2, width: 120, height: 40, timestamp: at(0).getTime() / 1000 });
    expect(cast.events).toEqual([
      [0, 'r', '120x40'],
      [0, 'o', '$ '],
      [1.5, 'i', 'ls\r'],
      [1.6, 'o', 'ls\r\nfichier\r\n'],
    ]);
  });

  it('joins the pieces of a server that restarted on one clock, the pause included', () => {
    const before = piece('serveur-1', 0, 0, [[0, 'r', '80x24'], [200, 'o', 'avant']]);
    const after = piece('serveur-2', 0, 30, [[0, 'r', '100x30'], [100, 'o', 'après']]);
    const { events } = parse(assembleCast(orderPieces([after, before])));
    expect(events).toEqual([
      [0, 'r', '80x24'],
      [0.2, 'o', 'avant'],
      [30, 'r', '100x30'],
      [30.1, 'o', 'après'],
    ]);
  });

  it('leaves out a second server recording the same terminal at the same time', () => {
    const first = piece('serveur-1', 0, 0, [[0, 'o', 'un'], [4000, 'o', 'deux']]);
    const duplicate = piece('serveur-2', 0, 2, [[0, 'o', 'deux']]);
    const later = piece('serveur-1', 1, 5, [[0, 'o', 'trois']]);
    expect(orderPieces([later, duplicate, first]).map((p) => `${p.writer}#${p.seq}`)).toEqual(['serveur-1#0', 'serveur-1#1']);
  });

  it('places marks at their time, after the output of that instant, and marks before the start at 0', () => {
    const cast = parse(
      assembleCast([piece('a', 0, 10, [[0, 'o', '$ '], [2000, 'o', 'ok']])], [
        { at: at(12), label: "Vérification de l'étape 1 : réussie" },
        { at: at(5), label: 'Indice 1 de l’étape 1' },
      ]),
    );
    expect(cast.events).toEqual([
      [0, 'o', '$ '],
      [0, 'm', 'Indice 1 de l’étape 1'],
      [2, 'o', 'ok'],
      [2, 'm', "Vérification de l'étape 1 : réussie"],
    ]);
  });

  it('is a header alone when nothing was recorded', () => {
    const cast = assembleCast([]);
    expect(cast.trimEnd().split('\n')).toHaveLength(1);
    expect(parse(cast).header).toMatchObject({ version: 2, width: 80, height: 24 });
  });
});

describe('stored pieces', () => {
  it('come back from gzip as they went in, escapes and accents included', async () => {
    const events: CastPiece['events'] = [
      [0, 'o', '\u001b[1;32mété\u001b[0m\r\n'],
      [12, 'i', '\u0003'],
      [40, 'r', '80x24'],
    ];
    const stored = await encodePiece(events);
    expect(stored[0]).toBe(0x1f); // gzip's magic number
    expect(await decodePiece(stored)).toEqual(events);
  });

  it('take far less room than the text of a typical session', async () => {
    const events: CastPiece['events'] = Array.from({ length: 500 }, (_, i) => [i * 40, 'o', `root@node:~# docker ps\r\nCONTAINER ID   IMAGE   STATUS\r\n`]);
    const raw = events.map((event) => JSON.stringify(event)).join('\n').length;
    expect((await encodePiece(events)).length).toBeLessThan(raw / 10);
  });
});
