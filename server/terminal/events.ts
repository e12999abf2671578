/**
 * The terminal socket protocol as the browser sees it: event names and message shapes,
 * free of zod so that nothing of the validation code ships to the client. The server
 * validates every incoming message with the schemas of protocol.ts, which match these types.
 */

export const TERMINAL_EVENTS = {
  /** client → server: attach to the shell of one node of a session. */
  attach: 'terminal:attach',
  /** client → server: keystrokes or pasted text. */
  input: 'terminal:input',
  /** client → server: the terminal's size changed. */
  resize: 'terminal:resize',
  /**
   * server → client: shell output (the scrollback first, on attach). The client calls the
   * acknowledgement once the text is drawn; the server pauses the shell while too much
   * output is unacknowledged.
   */
  output: 'terminal:output',
  /** server → client: connection state of the shell. */
  status: 'terminal:status',
  /** server → client: an error envelope. */
  error: 'terminal:error',
  /**
   * client → server: watch one node's shell read-only (an instructor's live view). The
   * watcher's input and size are ignored; it follows the student's size instead.
   */
  watch: 'terminal:watch',
  /** server → watcher: the shell's size, on watch and whenever the student's terminal resizes. */
  size: 'terminal:size',
  /**
   * server → watcher: the whole screen again (the scrollback), replacing what it shows; sent
   * after the watcher fell too far behind and output was skipped for it.
   */
  screen: 'terminal:screen',
  /** server → student: who is watching this terminal now (empty: nobody). */
  watchers: 'terminal:watchers',
  /**
   * server → student: their session ended without them asking (its machine went down, time
   * ran out…), with the reason in words; sent by whichever server ended it.
   */
  ended: 'terminal:session-ended',
} as const;

export interface SessionEndedNotice {
  message: string;
  /**
   * Not an end: paused (the lab's machines stopped, kept: the page shows « Reprendre »), or
   * restored (its machines went back to a step: the terminal attaches again).
   */
  outcome?: 'paused' | 'restored';
}

export interface TerminalSize {
  cols: number;
  rows: number;
}

export interface AttachRequest extends TerminalSize {
  sessionId: string;
  /** Node of a multi-node lab; the first node when absent. */
  node?: string;
}

export interface WatchRequest {
  sessionId: string;
  node?: string;
}

export interface WatchersNotice {
  /** The watchers' display names, one per open live view. */
  names: string[];
}

export type TerminalState = 'attaching' | 'ready' | 'exited';

export interface TerminalStatus {
  state: TerminalState;
  /** Set when state is 'ready': true if the screen was restored from scrollback. */
  restored?: boolean;
}

/** The one error envelope, also used by HTTP routes. */
export interface ErrorEnvelope {
  message: string;
  detail?: string;
  validations?: Array<{ path: string; message: string }>;
}
