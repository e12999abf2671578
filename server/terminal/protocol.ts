/**
 * Validation of every message a browser sends on a terminal socket (see events.ts for the
 * event names and shapes). Server-only: the browser imports events.ts.
 */
import { z } from 'zod';
import type { AttachRequest, TerminalSize, WatchRequest } from './events';

const dimension = z.number().int().min(1).max(1000);

export const terminalSizeSchema: z.ZodType<TerminalSize> = z.object({ cols: dimension, rows: dimension });

const target = {
  sessionId: z.string().min(1).max(64),
  node: z.string().regex(/^[a-z][a-z0-9-]{0,30}$/).optional(),
};

export const attachSchema: z.ZodType<AttachRequest> = z.object({ cols: dimension, rows: dimension, ...target });

export const watchSchema: z.ZodType<WatchRequest> = z.object(target);

export const inputSchema = z.string().max(64 * 1024);
