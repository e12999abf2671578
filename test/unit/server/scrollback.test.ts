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
});
