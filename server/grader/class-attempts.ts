/**
 * The grader API's bulk read: every check of a lab and every answer to a quiz by a class's
 * students on that class's labs and quizzes, oldest first, a page at a time. One call reads
 * what a call per student and lab would (a class of 30 with 5 labs: 150 calls, over the
 * token's limit of a minute), and an LMS syncs incrementally by keeping the cursor of its
 * last page (docs/api.md). Only for a class the token grants (checked before).
 */
import type { PrismaClient } from '../../generated/prisma/client';
import type { ClassService } from '../classes/class-service';
import { checkAttemptView, quizAttemptView } from '../progress/attempt-views';
import type { CheckAttemptView, QuizAttemptView } from '../progress/progress-views';
import type { AfterCondition } from '../progress/timeline-cursor';
import { attemptsCursor, encodeCursor, isBefore, type AttemptKind, type AttemptPosition } from './attempts-cursor';

/** A check, with the evidence the drill-down shows (CheckAttemptView), and whose it was. */
export interface LabAttemptItem extends CheckAttemptView {
  kind: 'lab';
  id: string;
  userId: string;
  slug: string;
  sessionId: string;
}

/** A quiz answer, with the evidence the drill-down shows (QuizAttemptView), and whose it was. */
export interface QuizAttemptItem extends QuizAttemptView {
  kind: 'quiz';
  id: string;
  userId: string;
  slug: string;
}

export type AttemptItem = LabAttemptItem | QuizAttemptItem;

export interface AttemptsPage {
  attempts: AttemptItem[];
  /** Where the next page starts: send it back as `after`. The `after` given when nothing came. */
  cursor: string | null;
  /** More attempts follow right now; otherwise keep the cursor for the next sync. */
  more: boolean;
}

export interface AttemptsQuery {
  /** A cursor from an earlier page. */
  after?: AttemptPosition;
  /** Only attempts made at or after this time. */
  since?: Date;
  limit: number;
}

export class ClassAttempts {
  constructor(private readonly deps: { prisma: PrismaClient; classes: ClassService }) {}

  async page(grantedClassId: string, query: AttemptsQuery): Promise<AttemptsPage> {
    const managed = await this.deps.classes.managedByToken(grantedClassId);
    const userIds = managed.members.map((member) => member.userId);
    const slugs = (kind: AttemptKind) => managed.assignments.filter((a) => a.kind === kind).map((a) => a.slug);
    // One more than asked, of each kind: whether more follow is known without another query.
    const take = query.limit + 1;
    const [labs, quizzes] = await Promise.all([this.labAttempts(userIds, slugs('lab'), query, take), this.quizAttempts(userIds, slugs('quiz'), query, take)]);
    const merged = [...labs, ...quizzes].sort((a, b) => (isBefore(positionOf(a), positionOf(b)) ? -1 : 1));
    const attempts = merged.slice(0, query.limit);
    const last = attempts.at(-1);
    const stop = last ? positionOf(last) : query.after;
    return { attempts, cursor: stop ? encodeCursor(stop) : null, more: merged.length > query.limit };
  }

  private async labAttempts(userIds: string[], labs: string[], query: AttemptsQuery, take: number): Promise<LabAttemptItem[]> {
    if (userIds.length === 0 || labs.length === 0) return [];
    const rows = await this.deps.prisma.checkAttempt.findMany({
      where: { AND: windowOf('lab', query), session: { userId: { in: userIds }, lab: { in: labs } } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take,
      include: { session: { select: { userId: true, lab: true } } },
    });
    return rows.map((row) => ({
      kind: 'lab',
      id: row.id,
      // Never null: the query asked for the class's students' sessions.
      userId: row.session.userId ?? '',
      slug: row.session.lab,
      sessionId: row.sessionId,
      ...checkAttemptView(row),
    }));
  }

  private async quizAttempts(userIds: string[], quizzes: string[], query: AttemptsQuery, take: number): Promise<QuizAttemptItem[]> {
    if (userIds.length === 0 || quizzes.length === 0) return [];
    const rows = await this.deps.prisma.quizAttempt.findMany({
      where: { AND: windowOf('quiz', query), userId: { in: userIds }, quiz: { in: quizzes } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take,
    });
    return rows.map((row) => ({
      kind: 'quiz',
      id: row.id,
      userId: row.userId ?? '',
      slug: row.quiz,
      ...quizAttemptView(row),
    }));
  }
}

const positionOf = (item: AttemptItem): AttemptPosition => ({ at: new Date(item.at), kind: item.kind, id: item.id });

type TimeWindow = Array<{ createdAt: { gte: Date } } | AfterCondition>;

/** The `since` and `after` conditions on one kind's table, in the one order of all attempts (attempts-cursor.ts). */
function windowOf(kind: AttemptKind, { since, after }: AttemptsQuery): TimeWindow {
  const conditions: TimeWindow = since ? [{ createdAt: { gte: since } }] : [];
  if (after) conditions.push(attemptsCursor.after(kind, after));
  return conditions;
}
