/**
 * Where a page of the grader API's attempts (class-attempts.ts) stopped: checks and quiz
 * answers in one line, by time, then labs before quizzes, then id (timeline-cursor.ts).
 */
import { timelineCursor, type TimelinePosition } from '../progress/timeline-cursor';

export const ATTEMPT_KINDS = ['lab', 'quiz'] as const;
export type AttemptKind = (typeof ATTEMPT_KINDS)[number];
export type AttemptPosition = TimelinePosition<AttemptKind>;

export const attemptsCursor = timelineCursor(ATTEMPT_KINDS);

export const encodeCursor = attemptsCursor.encode;
/** The position a cursor stands for, or null when it is not a cursor Dockyard gave. */
export const decodeCursor = attemptsCursor.decode;
/** Whether `a` comes before `b` in the one order of all attempts. */
export const isBefore = attemptsCursor.isBefore;
