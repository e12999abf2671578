import { describe, expect, it } from 'vitest';
import { Scrollback } from '@/server/terminal/scrollback';

describe('terminal scrollback', () => {
  it('replays everything written while under its limit', () => {
    const buffer = new Scrollback(1000);
    buffer.append('root@node1:~# ');
    buffer.append('ls\r\n');
    expect(buffer.contents()).toBe('root@node1:~# ls\r\n');
  });

  it('keeps the most recent output and starts the replay at a line', () => {
    const buffer = new Scrollback(100);
    for (let i = 0; i < 50; i++) buffer.append(`line ${i}\r\n`);
    const text = buffer.contents();
    expect(text.length).toBeLessThanOrEqual(100);
    expect(text.endsWith('line 49\r\n')).toBe(true);
    expect(text.startsWith('line ')).toBe(true);
    expect(buffer.length).toBe(text.length);
  });

  it('replays no request the terminal would answer by typing, and keeps everything else', () => {
    const buffer = new Scrollback(1000);
    // What tmux writes when a terminal attaches: device attributes and version requests.
    buffer.append('\x1b[1;24r\x1b[>c\x1b[>q\x1b[1;1H\x1b[31mroot\x1b[m@node1:~# ');
    buffer.append('printf "\\e[6n"\r\n\x1b[6n\x1b]11;?\x07\x1b[c\x1b[18t\x1b[?2026$p\x1b[2J');
    expect(buffer.contents()).toBe('\x1b[1;24r\x1b[1;1H\x1b[31mroot\x1b[m@node1:~# printf "\\e[6n"\r\n\x1b[2J');
  });
});
