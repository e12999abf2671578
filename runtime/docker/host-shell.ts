/**
 * A terminal opened by the server straight into a node: a pseudo-terminal on the host whose
 * process joins the node's cgroups (its limits apply), then its namespaces as its root
 * (nsenter), then runs a login shell there. Keystrokes and output cross no Docker daemon:
 * pausing the reader stops the shell within a few kilobytes, which keeps echo quick while a
 * program floods the screen.
 */
import { spawn, type IPty } from 'node-pty';
import type { Shell, ShellSize } from '../driver';
import { childrenOf } from './node-process';

/** A shell that ignores the hang-up is killed after this long. */
const KILL_GRACE_MS = 3_000;

/**
 * Joins the cgroups given as arguments, then the node ("$0" is its init's PID), in two steps
 * as images/sandbox/jail/enter.sh explains: no process with the host's root uid ever shows
 * up in the node's PID namespace, where the node's root could trace it.
 */
const LAUNCH = [
  'for procs in "$@"; do echo $$ > "$procs" || exit 125; done',
  'exec nsenter -t "$0" -U -m -n -u -i -C -- nsenter -t 1 -p -- /bin/sh -c "cd /root 2>/dev/null; exec bash -l"',
].join('\n');

export class HostShell implements Shell {
  private readonly pty: IPty;
  private exitCode: number | null | undefined;
  private readonly exitListeners: Array<(code: number | null) => void> = [];
  private readonly dataListeners: Array<(chunk: string) => void> = [];
  /** Output that arrived before anyone listened (the first prompt), replayed to the first listener. */
  private early: string[] = [];
  private killTimer: NodeJS.Timeout | undefined;

  constructor(nodePid: number, cgroupProcs: string[], size: ShellSize) {
    this.pty = spawn('/bin/sh', ['-c', LAUNCH, String(nodePid), ...cgroupProcs], {
      name: 'xterm-256color',
      cols: clamp(size.cols),
      rows: clamp(size.rows),
      env: { TERM: 'xterm-256color', LANG: 'C.UTF-8', HOME: '/root', PATH: '/usr/sbin:/usr/bin:/sbin:/bin' },
    });
    this.pty.onData((chunk) => {
      if (this.dataListeners.length === 0) this.early.push(chunk);
      for (const listener of this.dataListeners) listener(chunk);
    });
    this.pty.onExit(({ exitCode }) => {
      clearTimeout(this.killTimer);
      this.exitCode = exitCode;
      for (const listener of this.exitListeners.splice(0)) listener(exitCode);
    });
  }

  write(data: string): void {
    if (this.exitCode === undefined) this.pty.write(data);
  }

  async resize({ cols, rows }: ShellSize): Promise<void> {
    // A hidden browser tab reports 0×0: ignore it.
    if (this.exitCode !== undefined || !(cols >= 1) || !(rows >= 1)) return;
    this.pty.resize(clamp(cols), clamp(rows));
  }

  onData(listener: (chunk: string) => void): void {
    this.dataListeners.push(listener);
    if (this.early.length > 0) listener(this.early.splice(0).join(''));
  }

  onExit(listener: (code: number | null) => void): void {
    if (this.exitCode !== undefined) listener(this.exitCode);
    else this.exitListeners.push(listener);
  }

  pause(): void {
    this.pty.pause();
  }

  resume(): void {
    this.pty.resume();
  }

  /** A host PTY cannot outlive the server: letting go of it ends it. */
  detach(): void {
    this.kill();
  }

  /**
   * Hangs up, like a closed terminal: the shell in the node (nsenter's child) gets SIGHUP, and
   * nsenter ends with it, so onExit comes once the shell is gone. One that ignores the hang-up
   * is killed after a grace period.
   */
  kill(): void {
    if (this.exitCode !== undefined || this.killTimer) return;
    const signalAll = async (signal: NodeJS.Signals) => {
      for (const child of await childrenOf(this.pty.pid)) process.kill(child, signal);
      this.pty.kill(signal);
    };
    this.killTimer = setTimeout(() => void signalAll('SIGKILL').catch(() => undefined), KILL_GRACE_MS);
    this.killTimer.unref();
    void (async () => {
      const children = await childrenOf(this.pty.pid);
      if (children.length === 0) this.pty.kill('SIGHUP');
      for (const child of children) process.kill(child, 'SIGHUP');
    })().catch(() => undefined);
  }
}

function clamp(n: number): number {
  return Math.max(1, Math.min(1000, Math.floor(n)));
}
