import type { Socket } from 'socket.io-client';
import {
  TERMINAL_EVENTS,
  type AttachRequest,
  type ErrorEnvelope,
  type SessionEndedNotice,
  type TerminalSize,
  type TerminalStatus,
  type WatchersNotice,
  type WatchRequest,
} from '@/server/terminal/events';
import { installClipboardKeys } from './terminal-clipboard-keys';
import { TERMINAL_OPTIONS } from './terminal-options';

export type ConnectionState = 'connecting' | 'ready' | 'disconnected';

export interface TerminalTarget {
  sessionId: string;
  node: string;
  /** An instructor's live view: read-only, in the student's size. */
  watch?: boolean;
}

/**
 * What the terminal tells the student above the screen, worded by the page in the reader's
 * language; `message` is the server's own text (an error envelope).
 */
export type TerminalNotice =
  | { kind: 'retrying' }
  | { kind: 'shell-exited'; watch: boolean }
  | { kind: 'failed-to-start'; reason: string }
  | { kind: 'message'; text: string };

export interface ConnectionCallbacks {
  onState(state: ConnectionState): void;
  /** A notice for the student (an error, the shell's exit); null clears it. */
  onNotice(notice: TerminalNotice | null): void;
  /** Who watches this terminal now (the student's side); empty when nobody does. */
  onWatchers?(names: string[]): void;
  /**
   * The session stopped without this terminal asking: ended (its machine went down…), paused,
   * or its machines went back to a step (this terminal then attaches again by itself).
   */
  onSessionEnded?(notice: SessionEndedNotice): void;
}

export interface TerminalConnection {
  /** Types text into the shell; false when the shell is not ready to receive it. */
  sendInput(text: string): boolean;
  /** Attaches again: after the shell exited, or when the server refused the socket. */
  reconnect(): void;
  dispose(): void;
}

const sameSize = (a: TerminalSize, b: TerminalSize) => a.cols === b.cols && a.rows === b.rows;

/**
 * After the machines went back to a step (another tab, an instructor), nothing says when they
 * are up again: the terminal attaches again every few seconds, for as long as a restore may
 * take, until a shell answers. The first try waits for the machines to have stopped.
 */
const REATTACH_FIRST_MS = 5_000;
const REATTACH_EVERY_MS = 3_000;
const REATTACH_FOR_MS = 3 * 60_000;

/**
 * One xterm.js terminal wired to one node's shell through socket.io (protocol in
 * server/terminal/events.ts). Browser-only modules are imported here, lazily, so that
 * nothing of xterm runs during server rendering.
 */
export async function openTerminalConnection(
  container: HTMLElement,
  target: TerminalTarget,
  callbacks: ConnectionCallbacks,
): Promise<TerminalConnection> {
  const [{ Terminal }, { FitAddon }, { WebLinksAddon }, { io }] = await Promise.all([
    import('@xterm/xterm'),
    import('@xterm/addon-fit'),
    import('@xterm/addon-web-links'),
    import('socket.io-client'),
  ]);

  const terminal = new Terminal(TERMINAL_OPTIONS);
  const fit = new FitAddon();
  terminal.loadAddon(fit);
  terminal.loadAddon(new WebLinksAddon());
  installClipboardKeys(terminal);
  terminal.open(container);

  // A hidden or collapsed container measures 0: fitting then would send a 0×0 size. A watcher
  // shows the student's screen in the student's size, whatever its own panel measures.
  const fitToContainer = () => {
    if (!target.watch && container.clientWidth > 0 && container.clientHeight > 0) fit.fit();
  };
  fitToContainer();

  const size = (): TerminalSize => ({ cols: terminal.cols, rows: terminal.rows });
  let ready = false;
  let attachedSize = size();
  const setReady = (value: boolean) => {
    ready = value;
    terminal.options.disableStdin = !value || target.watch === true;
  };

  // Websockets only, as the server: with several servers behind a load balancer, long-polling's
  // requests could each reach a different one (no sticky sessions needed this way).
  const socket: Socket = io({ path: '/socket.io', transports: ['websocket'] });

  // On every (re)connection: clear the screen, since the server replays the scrollback.
  const attach = () => {
    setReady(false);
    callbacks.onState('connecting');
    terminal.reset();
    attachedSize = size();
    callbacks.onWatchers?.([]);
    if (target.watch) {
      const request: WatchRequest = { sessionId: target.sessionId, node: target.node };
      socket.emit(TERMINAL_EVENTS.watch, request);
    } else {
      const request: AttachRequest = { sessionId: target.sessionId, node: target.node, ...attachedSize };
      socket.emit(TERMINAL_EVENTS.attach, request);
    }
  };

  socket.on('connect', () => {
    callbacks.onNotice(null);
    attach();
  });
  socket.on('disconnect', () => {
    setReady(false);
    callbacks.onState('disconnected');
  });
  socket.on('connect_error', (error: Error) => {
    setReady(false);
    callbacks.onState('disconnected');
    // `active` is false when the server refused the connection: socket.io will not retry.
    callbacks.onNotice(socket.active ? { kind: 'retrying' } : { kind: 'message', text: error.message });
  });
  // The acknowledgement tells the server this output is drawn: it paces the shell on it.
  socket.on(TERMINAL_EVENTS.output, (data: string, drawn?: () => void) => terminal.write(data, drawn));
  // A watcher that fell behind gets the whole screen again instead of what it missed.
  socket.on(TERMINAL_EVENTS.screen, (data: string, drawn?: () => void) => {
    terminal.reset();
    terminal.write(data, drawn);
  });
  socket.on(TERMINAL_EVENTS.size, ({ cols, rows }: TerminalSize) => terminal.resize(cols, rows));
  socket.on(TERMINAL_EVENTS.watchers, ({ names }: WatchersNotice) => callbacks.onWatchers?.(names));
  // While the machines come back from a restore (until reattachUntil), a failed attach or the
  // old shell's exit is that restore going on, not news for the student.
  let reattachUntil = 0;
  let reattachTimer: ReturnType<typeof setTimeout> | undefined;
  const reattachLater = (delay = REATTACH_EVERY_MS): boolean => {
    clearTimeout(reattachTimer);
    if (Date.now() > reattachUntil) {
      reattachUntil = 0;
      return false;
    }
    callbacks.onState('connecting');
    reattachTimer = setTimeout(() => socket.connected && attach(), delay);
    return true;
  };

  socket.on(TERMINAL_EVENTS.error, (envelope: ErrorEnvelope) => {
    if (!ready && reattachUntil && reattachLater()) return;
    if (!ready) callbacks.onState('disconnected');
    callbacks.onNotice({ kind: 'message', text: envelope.message });
  });
  // Once the session is over, its shell's exit says nothing more than why it ended.
  let endedBecause: string | undefined;
  socket.on(TERMINAL_EVENTS.ended, (notice: SessionEndedNotice) => {
    setReady(false);
    callbacks.onNotice({ kind: 'message', text: notice.message });
    callbacks.onSessionEnded?.(notice);
    if (notice.outcome === 'restored') {
      reattachUntil = Date.now() + REATTACH_FOR_MS;
      reattachLater(REATTACH_FIRST_MS);
      return;
    }
    endedBecause = notice.message;
    callbacks.onState('disconnected');
  });
  socket.on(TERMINAL_EVENTS.status, (status: TerminalStatus) => {
    if (status.state === 'exited' && reattachUntil) return;
    if (status.state === 'ready') {
      reattachUntil = 0;
      clearTimeout(reattachTimer);
      setReady(true);
      callbacks.onState('ready');
      callbacks.onNotice(null);
      // The panel may have been resized while attaching.
      if (!target.watch && !sameSize(size(), attachedSize)) socket.emit(TERMINAL_EVENTS.resize, size());
      if (!target.watch && document.activeElement === document.body) terminal.focus();
      return;
    }
    setReady(false);
    callbacks.onState(status.state === 'attaching' ? 'connecting' : 'disconnected');
    if (status.state === 'exited') {
      callbacks.onNotice(endedBecause ? { kind: 'message', text: endedBecause } : { kind: 'shell-exited', watch: Boolean(target.watch) });
    }
  });

  const disposables = [
    terminal.onData((data) => {
      if (ready && !target.watch) socket.emit(TERMINAL_EVENTS.input, data);
    }),
    terminal.onResize(({ cols, rows }) => {
      if (ready && !target.watch && cols > 0 && rows > 0) socket.emit(TERMINAL_EVENTS.resize, { cols, rows });
    }),
  ];

  let frame = 0;
  const observer = new ResizeObserver(() => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(fitToContainer);
  });
  observer.observe(container);

  return {
    sendInput(text) {
      if (!ready || target.watch) return false;
      socket.emit(TERMINAL_EVENTS.input, text);
      terminal.focus();
      return true;
    },
    reconnect() {
      if (socket.connected) attach();
      else socket.connect();
    },
    dispose() {
      cancelAnimationFrame(frame);
      clearTimeout(reattachTimer);
      observer.disconnect();
      for (const disposable of disposables) disposable.dispose();
      socket.removeAllListeners();
      socket.disconnect();
      terminal.dispose();
    },
  };
}
