/**
 * What a terminal channel (terminal/shell-hub.ts) gives its recording: what a student's
 * terminal shows, what the student types (and the shell receives), resizes, and the end —
 * but nothing while only an instructor's read-only live view looks (that server's copy of
 * the output would repeat the student's own). The shell and the recording are stand-ins: the
 * real ones are tested in test/integration/recordings.
 */
import { describe, expect, it } from 'vitest';
import type { Shell } from '@/runtime/driver';
import type { TerminalRecording } from '@/server/recordings/terminal-recorder';
import { TerminalChannel, type Observer } from '@/server/terminal/shell-hub';

function channelRecording() {
  let print: (chunk: string) => void = () => undefined;
  const typedIntoShell: string[] = [];
  const shell = {
    onData: (listener: (chunk: string) => void) => void (print = listener),
    onExit: () => undefined,
    write: (text: string) => void typedIntoShell.push(text),
    resize: async () => undefined,
    detach: () => undefined,
  } as unknown as Shell;
  const recorded: string[] = [];
  const recording: TerminalRecording = {
    output: (chunk) => recorded.push(`o:${chunk}`),
    input: (text) => recorded.push(`i:${text}`),
    resize: (size) => recorded.push(`r:${size.cols}x${size.rows}`),
    close: () => recorded.push('fin'),
  };
  const channel = new TerminalChannel({ sessionId: 's', node: 'node1', sandboxId: 'sb' }, shell, { cols: 80, rows: 24 }, 60_000, () => undefined, recording);
  return { channel, print: (chunk: string) => print(chunk), typedIntoShell, recorded };
}

const instructor: Observer = { name: 'Ada', output: () => undefined, resized: () => undefined, exited: () => undefined };

describe('a terminal channel’s recording', () => {
  it('gets what the student sees and types, the resizes and the end', async () => {
    const { channel, print, typedIntoShell, recorded } = channelRecording();
    const stop = channel.watch(() => undefined, () => undefined);
    print('$ ');
    channel.typed('ls\r');
    print('ls\r\nDockerfile\r\n$ ');
    await channel.resize({ cols: 120, rows: 40 });
    stop();
    channel.close('detach');
    expect(recorded).toEqual(['o:$ ', 'i:ls\r', 'o:ls\r\nDockerfile\r\n$ ', 'r:120x40', 'fin']);
    expect(typedIntoShell).toEqual(['ls\r']);
  });

  it('gets no output while only an instructor’s live view looks', () => {
    const { channel, print, recorded } = channelRecording();
    print('avant tout navigateur');
    const stopWatching = channel.observe(instructor);
    print('vu par l’enseignant seul');
    stopWatching();
    expect(recorded).toEqual([]);
  });
});
