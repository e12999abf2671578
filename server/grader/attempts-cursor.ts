/**
 * Where a page of the grader API's attempts (class-attempts.ts) stopped: the last attempt's
 * time, kind and id, in that order, which sorts every attempt of both kinds into one line.
 * Opaque to clients (base64url of JSON): they send back what they were given, and a value
 * that is not one of ours is refused, never guessed at.
 */
import { z } from 'zod';

export const ATTEMPT_KINDS = ['lab', 'quiz'] as const;
export type AttemptKind = (typeof ATTEMPT_KINDS)[number];

export interface AttemptPosition {
  at: Date;
  kind: AttemptKind;
  id: string;
}

const decoded = z.tuple([z.number().int().nonnegative(), z.enum(ATTEMPT_KINDS), z.string().min(1).max(64)]);

export function encodeCursor(position: AttemptPosition): string {
  return Buffer.from(JSON.stringify([position.at.getTime(), position.kind, position.id])).toString('base64url');
}

/** The position a cursor stands for, or null when it is not a cursor Dockyard gave. */
export function decodeCursor(cursor: string): AttemptPosition | null {
  try {
    const parsed = decoded.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return parsed.success ? { at: new Date(parsed.data[0]), kind: parsed.data[1], id: parsed.data[2] } : null;
  } catch {
    return null;
  }
}

/** Whether `a` comes before `b` in the one order of all attempts. */
export function isBefore(a: AttemptPosition, b: AttemptPosition): boolean {
  if (a.at.getTime() !== b.at.getTime()) return a.at < b.at;
  if (a.kind !== b.kind) return ATTEMPT_KINDS.indexOf(a.kind) < ATTEMPT_KINDS.indexOf(b.kind);
  return a.id < b.id;
}
