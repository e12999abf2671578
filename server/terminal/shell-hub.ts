/**
 * Keeps each node's interactive shell alive independently of browser connections: a reload
 * or a dropped socket finds the same shell (same processes) and its scrollback. The shell
 * itself lives in the node: the server lets go of one no browser looks at after a grace
 * period, and of all of them when it stops, and finds them again on the next attach (the
 * node redraws the screen). A shell that exits is reopened fresh.
 */
import type { SandboxDriver, Shell, ShellSize } from '../../runtime/driver';
import type { TerminalRecorder, TerminalRecording } from '../recordings/terminal-recorder';
import { countedShell, type TerminalTraffic } from './counted-shell';
import { Scrollback } from './scrollback';

export interface ShellKey {
  sessionId: string;
  node: string;
  sandboxId: string;
}

type Viewer = (chunk: string) => void;

/**
 * A read-only watcher (an instructor's live view): sees the output and the student's size,
 * never types, never slows the shell down, and does not count as the student being there.
 */
export interface Observer {
  /** Shown to the student in the « being watched » banner. */
  name: string;
  output(chunk: string): void;
  resized(size: ShellSize): void;
  exited(): void;
}

/** Until a browser attaches and sends its own size. */
export const DEFAULT_SIZE: ShellSize = { cols: 80, rows: 24 };

export class TerminalChannel {
  readonly scrollback = new Scrollback();
  private readonly viewers = new Set<Viewer>();
  private readonly exitListeners = new Set<() => void>();
  /** Viewers whose browser is behind: while any is, the shell's output is not read. */
  private readonly behind = new Set<Viewer>();
  private readonly observers = new Set<Observer>();
  private readonly watcherListeners = new Set<(names: string[]) => void>();
  private graceTimer: NodeJS.Timeout | undefined;
  exited = false;
  /** The size the student's terminal last gave the shell. */
  size: ShellSize;

  constructor(
    readonly key: ShellKey,
    readonly shell: Shell,
    initialSize: ShellSize,
    private readonly graceMs: number,
    private readonly onIdle: () => void,
    /** Records what the student sees and types (server/recordings), while a student's terminal is attached. */
    private readonly recording: TerminalRecording | null = null,
  ) {
    this.size = { cols: initialSize.cols, rows: initialSize.rows };
    shell.onData((chunk) => {
      this.scrollback.append(chunk);
      // Only what a student saw: a channel only an instructor watches (another server's) records nothing.
      if (this.viewers.size > 0) this.recording?.output(chunk);
      for (const viewer of this.viewers) viewer(chunk);
      for (const observer of this.observers) observer.output(chunk);
    });
    shell.onExit(() => {
      this.exited = true;
      for (const listener of this.exitListeners) listener();
      for (const observer of this.observers) observer.exited();
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

  /** Adds a read-only watcher and tells the student's terminals; returns the function that removes it. */
  observe(observer: Observer): () => void {
    clearTimeout(this.graceTimer);
    this.observers.add(observer);
    this.announceWatchers();
    return () => {
      if (!this.observers.delete(observer)) return;
      this.announceWatchers();
      this.closeWhenUnwatched();
    };
  }

  /** Calls `listener` with the watchers' names whenever they change; returns the function that stops it. */
  onWatchersChange(listener: (names: string[]) => void): () => void {
    this.watcherListeners.add(listener);
    return () => this.watcherListeners.delete(listener);
  }

  get watcherNames(): string[] {
    return [...this.observers].map((observer) => observer.name);
  }

  /** What the student types. */
  typed(text: string): void {
    this.recording?.input(text);
    this.shell.write(text);
  }

  /** Resizes the shell (the student's terminal did) and tells the watchers, who follow its size. */
  async resize(size: ShellSize): Promise<void> {
    this.size = { cols: size.cols, rows: size.rows };
    this.recording?.resize(this.size);
    for (const observer of this.observers) observer.resized(this.size);
    await this.shell.resize(size);
  }

  /** A shell nobody looks at is closed after the grace period, unless a browser attaches first. */
  closeWhenUnwatched(): void {
    if (this.viewers.size > 0 || this.observers.size > 0) return;
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

  /** `end`: the shell itself ends (its session is over); `detach`: it goes on in the node. */
  close(how: 'end' | 'detach'): void {
    clearTimeout(this.graceTimer);
    this.recording?.close();
    if (how === 'end') this.shell.kill();
    else this.shell.detach();
  }

  private announceWatchers(): void {
    const names = this.watcherNames;
    for (const listener of this.watcherListeners) listener(names);
  }
}

export class ShellHub {
  private readonly channels = new Map<string, TerminalChannel>();
  /** Shells being opened: a second browser waits for the same one instead of opening two. */
  private readonly opening = new Map<string, Promise<TerminalChannel>>();

  constructor(
    private readonly driver: SandboxDriver,
    private readonly graceMs: number,
    private readonly recorder?: TerminalRecorder,
    /** Counts the bytes of every shell opened here (server/metrics). */
    private readonly traffic?: TerminalTraffic,
  ) {}

  /** The node's live shell, opened on first use. */
  async open(key: ShellKey, size: ShellSize = DEFAULT_SIZE): Promise<{ channel: TerminalChannel; reused: boolean }> {
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
      .then((opened) => {
        const shell = this.traffic ? countedShell(opened, this.traffic) : opened;
        const recording = this.recorder?.start(key, size) ?? null;
        const channel = new TerminalChannel(key, shell, size, this.graceMs, () => this.drop(id, channel), recording);
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
    const { channel } = await this.open(key);
    channel.shell.write(text);
    channel.closeWhenUnwatched();
  }

  /** True while some browser has one of the session's terminals open. */
  isAttached(sessionId: string): boolean {
    return [...this.channels.values()].some((c) => c.key.sessionId === sessionId && c.viewerCount > 0);
  }

  /** Sessions a student's browser has a terminal of open on this server now. */
  attachedSessions(): string[] {
    return [...new Set([...this.channels.values()].filter((c) => c.viewerCount > 0).map((c) => c.key.sessionId))];
  }

  /** This server's channel of that node, if it has one open (another server's events name it). */
  channel(sessionId: string, node: string): TerminalChannel | undefined {
    const channel = this.channels.get(channelId({ sessionId, node }));
    return channel && !channel.exited ? channel : undefined;
  }

  closeSession(sessionId: string): void {
    for (const [id, channel] of this.channels) if (channel.key.sessionId === sessionId) this.drop(id, undefined, 'end');
  }

  /** The server stops: every shell goes on in its node, for the next server to find. */
  detachAll(): void {
    for (const id of [...this.channels.keys()]) this.drop(id);
  }

  /** Closes the channel under `id` (only if it is still `expected`, when given). */
  private drop(id: string, expected?: TerminalChannel, how: 'end' | 'detach' = 'detach'): void {
    const channel = this.channels.get(id);
    if (!channel || (expected && channel !== expected)) return;
    this.channels.delete(id);
    channel.close(how);
  }
}

export function channelId(key: Pick<ShellKey, 'sessionId' | 'node'>): string {
  return `${key.sessionId}/${key.node}`;
}
