/**
 * Where a page of rows from two tables, read as one line in time, stopped: the last row's
 * time, kind (its table) and id, in that order, which sorts every row into one line even when
 * two share a millisecond. Opaque to clients (base64url of JSON): they send back what they
 * were given, and a value that is not one of ours is refused, never guessed at. Used by the
 * grader API's attempts in bulk (checks and quiz answers) and by a lab's evidence (checks
 * and step events).
 */
import { z } from 'zod';

export interface TimelinePosition<Kind extends string> {
  at: Date;
  kind: Kind;
  id: string;
}

/** A condition on one table's `createdAt` and `id`, as Prisma's `where` takes it. */
export type AfterCondition = { OR: Array<{ createdAt: Date | { gt: Date }; id?: { gt: string } }> } | { createdAt: { gt: Date } | { gte: Date } };

export interface TimelineCursor<Kind extends string> {
  encode(position: TimelinePosition<Kind>): string;
  /** The position a cursor stands for, or null when it is not a cursor Dockyard gave. */
  decode(cursor: string): TimelinePosition<Kind> | null;
  /** Whether `a` comes before `b`: by time, then by kind in the order given, then by id. */
  isBefore(a: TimelinePosition<Kind>, b: TimelinePosition<Kind>): boolean;
  /** The rows of `kind`'s table that come after `after`. */
  after(kind: Kind, after: TimelinePosition<Kind>): AfterCondition;
}

export function timelineCursor<const Kind extends string>(kinds: readonly [Kind, ...Kind[]]): TimelineCursor<Kind> {
  const decoded = z.tuple([z.number().int().nonnegative(), z.enum(kinds as unknown as [string, ...string[]]), z.string().min(1).max(64)]);
  const isBefore = (a: TimelinePosition<Kind>, b: TimelinePosition<Kind>) => {
    if (a.at.getTime() !== b.at.getTime()) return a.at < b.at;
    if (a.kind !== b.kind) return kinds.indexOf(a.kind) < kinds.indexOf(b.kind);
    return a.id < b.id;
  };
  return {
    encode: (position) => Buffer.from(JSON.stringify([position.at.getTime(), position.kind, position.id])).toString('base64url'),
    decode(cursor) {
      try {
        const parsed = decoded.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
        return parsed.success ? { at: new Date(parsed.data[0]), kind: parsed.data[1] as Kind, id: parsed.data[2] } : null;
      } catch {
        return null;
      }
    },
    isBefore,
    after(kind, after) {
      if (after.kind === kind) return { OR: [{ createdAt: { gt: after.at } }, { createdAt: after.at, id: { gt: after.id } }] };
      // At the cursor's very time, the other kind's rows come after it if their kind sorts later.
      return { createdAt: isBefore({ ...after, kind }, after) ? { gt: after.at } : { gte: after.at } };
    },
  };
}
