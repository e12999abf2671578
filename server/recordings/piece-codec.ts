/**
 * A recording piece's events as stored: one JSON array per line, gzip-compressed. zlib runs
 * on libuv's thread pool (the async calls): compressing never holds up the event loop that
 * carries the terminals.
 */
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type { PieceEvent } from './asciicast';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

export async function encodePiece(events: readonly PieceEvent[]): Promise<Uint8Array<ArrayBuffer>> {
  const text = events.map((event) => JSON.stringify(event)).join('\n');
  return new Uint8Array(await gzipAsync(text));
}

export async function decodePiece(data: Uint8Array): Promise<PieceEvent[]> {
  const text = (await gunzipAsync(data)).toString('utf8');
  return text ? text.split('\n').map((line) => JSON.parse(line) as PieceEvent) : [];
}
