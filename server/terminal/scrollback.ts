/**
 * The recent output of one terminal, replayed when a browser (re)attaches so that a reload
 * shows the same screen. Bounded: the oldest output goes first, cut at a line start where
 * possible so the replay does not begin in the middle of an escape sequence.
 *
 * Requests to the terminal are left out (terminal-queries.ts): a replay must not ask them
 * again.
 *
 * Trimming copies the whole buffer, so it waits until a quarter of the limit has piled up
 * beyond it: under a flood (a chunk of a kilobyte or so each time) trimming on every chunk
 * copied 256 KiB per kilobyte received and was the server's main cost.
 */
import { withoutTerminalQueries } from './terminal-queries';

export const DEFAULT_SCROLLBACK_CHARS = 256 * 1024;

export class Scrollback {
  private chunks: string[] = [];
  private size = 0;

  constructor(private readonly limit = DEFAULT_SCROLLBACK_CHARS) {}

  append(output: string): void {
    const chunk = withoutTerminalQueries(output);
    if (!chunk) return;
    this.chunks.push(chunk);
    this.size += chunk.length;
    if (this.size > this.limit + this.limit / 4) this.trim();
  }

  contents(): string {
    if (this.size > this.limit) this.trim();
    else if (this.chunks.length > 1) this.chunks = [this.chunks.join('')];
    return this.chunks[0] ?? '';
  }

  /** Characters held; within the limit once contents() has been read. */
  get length(): number {
    return this.size;
  }

  private trim(): void {
    let text = this.chunks.join('');
    text = text.slice(text.length - this.limit);
    const newline = text.indexOf('\n');
    // Only drop up to the first line break if that keeps most of the buffer.
    if (newline >= 0 && newline < 4096) text = text.slice(newline + 1);
    this.chunks = [text];
    this.size = text.length;
  }
}
