/** A counted shell: bytes (not characters) typed in and read out, each chunk once; everything else passed through. */
import { describe, expect, it } from 'vitest';
import type { Shell } from '@/runtime/driver';
import { countedShell } from '@/server/terminal/counted-shell';

function fakeShell() {
  const written: string[] = [];
  const listeners: Array<(chunk: string) => void> = [];
  const calls: string[] = [];
  const shell: Shell = {
    write: (data) => written.push(data),
    onData: (listener) => listeners.push(listener),
    resize: async () => void calls.push('resize'),
    onExit: () => calls.push('onExit'),
    pause: () => calls.push('pause'),
    resume: () => calls.push('resume'),
    kill: () => calls.push('kill'),
    detach: () => calls.push('detach'),
  };
  return { shell, written, emit: (chunk: string) => listeners.forEach((l) => l(chunk)), calls };
}

describe('a counted shell', () => {
  it('counts bytes in and out and passes everything through', async () => {
    const raw = fakeShell();
    const counts = { input: 0, output: 0 };
    const shell = countedShell(raw.shell, { input: (n) => (counts.input += n), output: (n) => (counts.output += n) });
    const seen: string[] = [];
    shell.onData((chunk) => seen.push(chunk));
    shell.write('ls\r');
    raw.emit('été\r\n');
    expect(raw.written).toEqual(['ls\r']);
    expect(seen).toEqual(['été\r\n']);
    expect(counts).toEqual({ input: 3, output: 7 });
    await shell.resize({ cols: 80, rows: 24 });
    shell.onExit(() => undefined);
    shell.pause();
    shell.resume();
    shell.detach();
    shell.kill();
    expect(raw.calls).toEqual(['resize', 'onExit', 'pause', 'resume', 'detach', 'kill']);
  });
});
