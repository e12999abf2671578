/**
 * A node's terminal channel with read-only watchers (an instructor's live view): they see
 * the output and the student's size, the student's side hears who watches, and a watcher
 * keeps the shell open without ever pausing it. The shell is an in-memory stand-in: the real
 * one is tested in test/integration/terminal and test/integration/supervision.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Shell, ShellSize } from '@/runtime/driver';
import { TerminalChannel, type Observer } from '@/server/terminal/shell-hub';

const GRACE_MS = 1_000;

function fakeShell() {
  let emit: (chunk: string) => void = () => undefined;
  let exit: (code: number | null) => void = () => undefined;
  const shell: Shell & { sizes: ShellSize[]; paused: boolean } = {
    sizes: [],
    paused: false,
    write: () => undefined,
    async resize(size) {
      this.sizes.push(size);
    },
    onData: (listener) => void (emit = listener),
    onExit: (listener) => void (exit = listener),
    pause() {
      this.paused = true;
    },
    resume() {
      this.paused = false;
    },
    kill: () => undefined,
    detach: () => undefined,
  };
  return { shell, print: (chunk: string) => emit(chunk), exit: () => exit(0) };
}

function watcher(name: string) {
  const seen = { output: '', sizes: [] as ShellSize[], exited: false };
  const observer: Observer = {
    name,
    output: (chunk) => (seen.output += chunk),
    resized: (size) => seen.sizes.push(size),
    exited: () => (seen.exited = true),
  };
  return { observer, seen };
}

function channelWith() {
  const fake = fakeShell();
  const onIdle = vi.fn();
  const channel = new TerminalChannel({ sessionId: 's', node: 'node1', sandboxId: 'x' }, fake.shell, { cols: 100, rows: 30 }, GRACE_MS, onIdle);
  return { ...fake, channel, onIdle };
}

afterEach(() => vi.useRealTimers());

describe('a terminal channel’s watchers', () => {
  it('see what the shell prints, the student’s new size, and its exit', async () => {
    const { channel, print, exit } = channelWith();
    const { observer, seen } = watcher('M. Leroy');
    channel.observe(observer);
    print('bonjour\r\n');
    await channel.resize({ cols: 120, rows: 40 });
    exit();
    expect(seen).toEqual({ output: 'bonjour\r\n', sizes: [{ cols: 120, rows: 40 }], exited: true });
    expect(channel.size).toEqual({ cols: 120, rows: 40 });
  });

  it('are announced to the student’s side as they come and go', () => {
    const { channel } = channelWith();
    const announced: string[][] = [];
    channel.onWatchersChange((names) => announced.push(names));
    const leroy = channel.observe(watcher('M. Leroy').observer);
    const petit = channel.observe(watcher('Mme Petit').observer);
    leroy();
    leroy(); // twice is harmless
    petit();
    expect(announced).toEqual([['M. Leroy'], ['M. Leroy', 'Mme Petit'], ['Mme Petit'], []]);
  });

  it('keep the shell open while they watch, and let it close after the grace period once they leave', () => {
    vi.useFakeTimers();
    const { channel, onIdle } = channelWith();
    const stop = channel.observe(watcher('M. Leroy').observer);
    channel.closeWhenUnwatched();
    vi.advanceTimersByTime(GRACE_MS * 2);
    expect(onIdle).not.toHaveBeenCalled();
    stop();
    vi.advanceTimersByTime(GRACE_MS);
    expect(onIdle).toHaveBeenCalledOnce();
  });

  it('never count as the student being there, nor pause the shell', () => {
    const { channel, shell, print } = channelWith();
    channel.observe(watcher('M. Leroy').observer);
    for (let i = 0; i < 1_000; i += 1) print('x'.repeat(1_000));
    expect(channel.viewerCount).toBe(0);
    expect(shell.paused).toBe(false);
  });
});
