/** Classes as pages and the API show them. Dates are ISO strings: they cross to the browser. */
import type { AssignmentKind } from './assignable-content';

export interface AssignmentView {
  id: string;
  kind: AssignmentKind;
  slug: string;
  /** The chapter's title, or the slug when the content left the course. */
  title: string;
  /** Null when the content is no longer in the course. */
  href: string | null;
  dueAt: string | null;
}

/** A class its instructor teaches, in a list. */
export interface TaughtClassSummary {
  id: string;
  name: string;
  joinCode: string;
  instructorId: string;
  instructorName: string;
  students: number;
  assignments: number;
  createdAt: string;
}

/** Someone a class can be handed over to (ClassService.transfer). */
export interface TeacherView {
  id: string;
  name: string;
  email: string;
}

export interface MemberView {
  userId: string;
  name: string;
  email: string;
  joinedAt: string;
}

/** What the instructor (or an admin) sees of a class: code, roster, assignments. */
export interface ManagedClassView {
  id: string;
  name: string;
  joinCode: string;
  instructor: { name: string; email: string };
  members: MemberView[];
  assignments: AssignmentView[];
  createdAt: string;
}

/** What a student sees of a class they joined. */
export interface JoinedClassView {
  id: string;
  name: string;
  instructorName: string;
  assignments: AssignmentView[];
}

export type ClassPageView = { as: 'manager'; managed: ManagedClassView } | { as: 'member'; joined: JoinedClassView };
