/**
 * The terminal socket protocol, shared by the browser (types only) and the gateway
 * (which validates every incoming message with these schemas).
 */
import { z } from 'zod';

export const TERMINAL_EVENTS = {
  /** client → server: attach to the shell of one node of a session. */
  attach: 'terminal:attach',
  /** client → server: keystrokes or pasted text. */
  input: 'terminal:input',
  /** client → server: the terminal's size changed. */
  resize: 'terminal:resize',
  /** server → client: shell output (the scrollback first, on attach). */
  output: 'terminal:output',
  /** server → client: connection state of the shell. */
  status: 'terminal:status',
  /** server → client: an error envelope. */
  error: 'terminal:error',
} as const;

const dimension = z.number().int().min(1).max(1000);

export const terminalSizeSchema = z.object({ cols: dimension, rows: dimension });

export const attachSchema = terminalSizeSchema.extend({
  sessionId: z.string().min(1).max(64),
  node: z.string().regex(/^[a-z][a-z0-9-]{0,30}$/).optional(),
});

export const inputSchema = z.string().max(64 * 1024);

export type TerminalSize = z.infer<typeof terminalSizeSchema>;
export type AttachRequest = z.infer<typeof attachSchema>;

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
