/**
 * Keeps each node's interactive shell alive independently of browser connections: a reload
 * or a dropped socket finds the same shell (same processes) and its scrollback. A shell no
 * browser looks at is closed after a grace period; a shell that exits is reopened fresh.
 */
import type { SandboxDriver, Shell, ShellSize } from '../../runtime/driver';
import { Scrollback } from './scrollback';

export interface ShellKey {
  sessionId: string;
  node: string;
  sandboxId: string;
}

type Viewer = (chunk: string) => void;

/** Until a browser attaches and sends its own size. */
const DEFAULT_SIZE: ShellSize = { cols: 80, rows: 24 };

export class TerminalChannel {
  readonly scrollback = new Scrollback();
  private readonly viewers = new Set<Viewer>();
  private readonly exitListeners = new Set<() => void>();
  /** Viewers whose browser is behind: while any is, the shell's output is not read. */
  private readonly behind = new Set<Viewer>();
  private graceTimer: NodeJS.Timeout | undefined;
  exited = false;

  constructor(
    readonly key: ShellKey,
    readonly shell: Shell,
    private readonly graceMs: number,
    private readonly onIdle: () => void,
  ) {
    shell.onData((chunk) => {
      this.scrollback.append(chunk);
      for (const viewer of this.viewers) viewer(chunk);
    });
    shell.onExit(() => {
      this.exited = true;
      for (const listener of this.exitListeners) listener();
      this.onIdle();
    });
  }

  /** Adds a viewer; returns the function that removes it. */
  watch(viewer: Viewer, onExit: () => void): () => void {
    clearTimeout(this.graceTimer);
    this.viewers.add(viewer);
    this.exitListeners.add(onExit);
    return () => {
      this.viewers.delete(viewer);
      this.exitListeners.delete(onExit);
      this.setBehind(viewer, false);
      this.closeWhenUnwatched();
    };
  }

  /** A shell nobody watches is closed after the grace period, unless a browser attaches first. */
  closeWhenUnwatched(): void {
    if (this.viewers.size > 0) return;
    clearTimeout(this.graceTimer);
    this.graceTimer = setTimeout(() => this.onIdle(), this.graceMs);
    this.graceTimer.unref();
  }

  /** Flow control: a viewer says when its browser falls behind and when it has caught up. */
  setBehind(viewer: Viewer, behind: boolean): void {
    const was = this.behind.size > 0;
    if (behind && this.viewers.has(viewer)) this.behind.add(viewer);
    else this.behind.delete(viewer);
    const is = this.behind.size > 0;
    if (is && !was) this.shell.pause();
    if (!is && was) this.shell.resume();
  }

  get viewerCount(): number {
    return this.viewers.size;
  }

  close(): void {
    clearTimeout(this.graceTimer);
    this.shell.kill();
  }
}

export class ShellHub {
  private readonly channels = new Map<string, TerminalChannel>();
  /** Shells being opened: a second browser waits for the same one instead of opening two. */
  private readonly opening = new Map<string, Promise<TerminalChannel>>();

  constructor(
    private readonly driver: SandboxDriver,
    private readonly graceMs: number,
  ) {}

  /** The node's live shell, opened on first use. */
  async open(key: ShellKey, size: ShellSize): Promise<{ channel: TerminalChannel; reused: boolean }> {
    const id = channelId(key);
    const existing = this.channels.get(id);
    if (existing && !existing.exited && existing.key.sandboxId === key.sandboxId) {
      return { channel: existing, reused: true };
    }
    if (existing) this.drop(id);
    const pending = this.opening.get(id);
    if (pending) return { channel: await pending, reused: true };

    const opening = this.driver
      .attachShell(key.sandboxId, size)
      .then((shell) => {
        const channel = new TerminalChannel(key, shell, this.graceMs, () => this.drop(id, channel));
        this.channels.set(id, channel);
        return channel;
      })
      .finally(() => this.opening.delete(id));
    this.opening.set(id, opening);
    return { channel: await opening, reused: false };
  }

  /**
   * Types into the node's shell as if the student had (Killercoda's foreground scripts). The
   * shell is opened if no browser has yet; its scrollback shows the text once one attaches.
   */
  async type(key: ShellKey, text: string): Promise<void> {
    const { channel } = await this.open(key, DEFAULT_SIZE);
    channel.shell.write(text);
    channel.closeWhenUnwatched();
  }

  /** True while some browser has one of the session's terminals open. */
  isAttached(sessionId: string): boolean {
    return [...this.channels.values()].some((c) => c.key.sessionId === sessionId && c.viewerCount > 0);
  }

  closeSession(sessionId: string): void {
    for (const [id, channel] of this.channels) if (channel.key.sessionId === sessionId) this.drop(id);
  }

  closeAll(): void {
    for (const id of [...this.channels.keys()]) this.drop(id);
  }

  /** Closes the channel under `id` (only if it is still `expected`, when given). */
  private drop(id: string, expected?: TerminalChannel): void {
    const channel = this.channels.get(id);
    if (!channel || (expected && channel !== expected)) return;
    this.channels.delete(id);
    channel.close();
  }
}

function channelId(key: ShellKey): string {
  return `${key.sessionId}/${key.node}`;
}
