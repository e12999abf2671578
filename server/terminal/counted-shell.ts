/**
 * A shell whose traffic is counted (server/metrics): bytes of output read from it, bytes
 * typed into it. The shell hub wraps each shell it opens, so that one count covers every
 * browser watching it.
 */
import type { Shell } from '../../runtime/driver';

export interface TerminalTraffic {
  input(bytes: number): void;
  output(bytes: number): void;
}

export function countedShell(shell: Shell, traffic: TerminalTraffic): Shell {
  return {
    write: (data) => {
      traffic.input(Buffer.byteLength(data));
      shell.write(data);
    },
    onData: (listener) =>
      shell.onData((chunk) => {
        traffic.output(Buffer.byteLength(chunk));
        listener(chunk);
      }),
    resize: (size) => shell.resize(size),
    onExit: (listener) => shell.onExit(listener),
    pause: () => shell.pause(),
    resume: () => shell.resume(),
    kill: () => shell.kill(),
    detach: () => shell.detach(),
  };
}
