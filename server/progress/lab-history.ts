/**
 * A student's history on one lab — their checks (with outputs), step events (pages opened,
 * hints, solutions) and the lab's pauses, resumes and restores, across all their sessions of
 * it — a page at a time, oldest first.
 * Checks are limited per minute and their outputs capped, but they pile up over a term: the
 * drill-down and the grader API read this history in pages, so that no answer grows with it.
 */
import type { PrismaClient } from '../../generated/prisma/client';
import { checkAttemptView } from './attempt-views';
import type { CheckAttemptView, LabLifecycleView, StepEventView } from './progress-views';
import { timelineCursor, type TimelinePosition } from './timeline-cursor';

/** A new kind goes last: cursors given before it keep their meaning. */
export const HISTORY_KINDS = ['check', 'event', 'lifecycle'] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];
export type HistoryPosition = TimelinePosition<HistoryKind>;

/** Checks before events at the same millisecond, then by id. */
export const historyCursor = timelineCursor(HISTORY_KINDS);

/** Entries (checks and events) in one page: a check's output weighs up to 8 KiB. */
export const MAX_HISTORY_PAGE = 100;
export const DEFAULT_HISTORY_PAGE = 50;

export interface HistoryQuery {
  /** A cursor from an earlier page: the page starts right after it. */
  after?: HistoryPosition;
  limit: number;
}

export interface HistoryPage {
  attempts: CheckAttemptView[];
  events: StepEventView[];
  lifecycle: LabLifecycleView[];
  /** Where this page stopped: send it back as `after` for the next one. The `after` given when the page is empty. */
  cursor: string | null;
  /** More entries follow. */
  more: boolean;
}

type Entry = { position: HistoryPosition } & (
  | { kind: 'check'; view: CheckAttemptView }
  | { kind: 'event'; view: StepEventView }
  | { kind: 'lifecycle'; view: LabLifecycleView }
);

export async function labHistoryPage(prisma: PrismaClient, userId: string, lab: string, query: HistoryQuery): Promise<HistoryPage> {
  const where = (kind: HistoryKind) => ({ session: { userId, lab }, AND: query.after ? [historyCursor.after(kind, query.after)] : [] });
  const order = [{ createdAt: 'asc' as const }, { id: 'asc' as const }];
  // One more than asked, of each kind: whether more follow is known without another query.
  const take = query.limit + 1;
  const [checks, events, lifecycle] = await Promise.all([
    prisma.checkAttempt.findMany({ where: where('check'), orderBy: order, take }),
    prisma.stepEvent.findMany({ where: where('event'), orderBy: order, take }),
    prisma.sessionEvent.findMany({ where: where('lifecycle'), orderBy: order, take }),
  ]);
  const entries: Entry[] = [
    ...checks.map((row): Entry => ({ kind: 'check', position: { at: row.createdAt, kind: 'check', id: row.id }, view: checkAttemptView(row) })),
    ...events.map(
      (row): Entry => ({
        kind: 'event',
        position: { at: row.createdAt, kind: 'event', id: row.id },
        view: { step: row.step, kind: row.kind as StepEventView['kind'], hint: row.hint, at: row.createdAt.toISOString() },
      }),
    ),
    ...lifecycle.map(
      (row): Entry => ({
        kind: 'lifecycle',
        position: { at: row.createdAt, kind: 'lifecycle', id: row.id },
        view: { kind: row.kind as LabLifecycleView['kind'], reason: row.reason, step: row.step, at: row.createdAt.toISOString() },
      }),
    ),
  ].sort((a, b) => (historyCursor.isBefore(a.position, b.position) ? -1 : 1));
  const page = entries.slice(0, query.limit);
  const stop = page.at(-1)?.position ?? query.after;
  return {
    attempts: page.flatMap((entry) => (entry.kind === 'check' ? [entry.view] : [])),
    events: page.flatMap((entry) => (entry.kind === 'event' ? [entry.view] : [])),
    lifecycle: page.flatMap((entry) => (entry.kind === 'lifecycle' ? [entry.view] : [])),
    cursor: stop ? historyCursor.encode(stop) : null,
    more: entries.length > query.limit,
  };
}
