/**
 * The student's flow control: a window of undrawn output, the next messages ready behind it,
 * the shell paused only when too much is waiting. A fake browser acknowledges when told.
 */
import { describe, expect, it } from 'vitest';
import { pacedSender } from '@/server/terminal/paced-sender';

function browserAndShell(windowChars: number, readyChars: number) {
  const received: string[] = [];
  const undrawn: Array<() => void> = [];
  const holds: boolean[] = [];
  const sender = pacedSender({
    windowChars,
    readyChars,
    emit: (text, drawn) => {
      received.push(text);
      undrawn.push(drawn);
    },
    hold: (paused) => holds.push(paused),
  });
  /** The browser draws its oldest undrawn message. */
  const drawOne = () => undrawn.shift()?.();
  return { sender, received, holds, drawOne };
}

describe('paced terminal output', () => {
  it('sends while the window has room, and the next message the moment one is drawn, in order', () => {
    const { sender, received, drawOne } = browserAndShell(10, 100);
    sender.send('aaaaa');
    sender.send('bbbbb');
    sender.send('ccccc');
    sender.send('ddddd');
    expect(received).toEqual(['aaaaa', 'bbbbb']);
    drawOne();
    expect(received).toEqual(['aaaaa', 'bbbbb', 'ccccc']);
    drawOne();
    drawOne();
    expect(received).toEqual(['aaaaa', 'bbbbb', 'ccccc', 'ddddd']);
  });

  it('pauses the shell once too much is waiting, and lets it go on when half of it has left', () => {
    const { sender, holds, drawOne } = browserAndShell(10, 20);
    for (let i = 0; i < 6; i += 1) sender.send('xxxxx');
    // 10 in the window, 20 waiting: not yet too much.
    expect(holds).toEqual([]);
    sender.send('xxxxx');
    expect(holds).toEqual([true]);
    // Each drawn message lets one waiting message go: 20, then 15 waiting, still held.
    drawOne();
    drawOne();
    expect(holds).toEqual([true]);
    drawOne();
    expect(holds).toEqual([true, false]);
  });

  it('sends everything waiting on flush, so that a status after it comes last', () => {
    const { sender, received } = browserAndShell(5, 100);
    sender.send('un ');
    sender.send('deux ');
    sender.send('trois');
    expect(received.join('')).toBe('un deux ');
    sender.flush();
    expect(received.join('')).toBe('un deux trois');
  });
});
