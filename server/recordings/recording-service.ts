/**
 * Terminal recordings as instructors and graders read them: the .cast of a student's lab
 * session (one per node), with a mark at each check, hint, solution, pause and restore. Access
 * is the drill-down's (server/progress/class-results.ts): the class's instructor or an admin
 * (ClassService.view decides), or a grader token of that class, and only for a session of a
 * member of the class; anyone else gets « not found », whether the session exists or not.
 */
import type { PrismaClient } from '../../generated/prisma/client';
import type { SignedInUser } from '../auth/caller';
import type { ClassService } from '../classes/class-service';
import type { ManagedClassView } from '../classes/class-views';
import { NotFoundError } from '../errors';
import { assembleCast } from './asciicast';
import { castMarks, recordingMarks, type RecordingMark } from './recording-marks';
import type { RecordingStore } from './recording-store';

export interface RecordingServiceDeps {
  prisma: PrismaClient;
  classes: Pick<ClassService, 'view' | 'managedByToken'>;
  store: RecordingStore;
  /** DOCKYARD_RECORDING_DAYS: told to students and instructors; 0 when terminals are not recorded. */
  keepDays: number;
}

/** What the replay page shows. */
export interface RecordingReplayView {
  sessionId: string;
  lab: string;
  student: { name: string; email: string };
  startedAt: string;
  /** Nodes with a recording (none yet, or none left), and the one replayed. */
  nodes: string[];
  node: string | null;
  /** In the order of the player's markers (the .cast's "m" events). */
  marks: Array<{ label: string; kind: RecordingMark['kind']; at: string }>;
  /** Events the recorder could not write (the database was too slow at the time). */
  dropped: number;
}

const NO_RECORDING = "Aucun enregistrement de terminal pour cette session : il n'a pas été enregistré, ou il a été supprimé (durée de conservation dépassée).";
const NOT_FOUND = "Cet enregistrement n'existe pas, ou vous n'y avez pas accès : ouvrez-le depuis le détail d'un étudiant de votre classe.";

type Access = { actor: SignedInUser } | { grantedClassId: string };

export class RecordingService {
  constructor(private readonly deps: RecordingServiceDeps) {}

  get keepDays(): number {
    return this.deps.keepDays;
  }

  /** The replay page: the session, its recorded nodes, its marks. */
  async replay(actor: SignedInUser, classId: string, sessionId: string, node?: string): Promise<RecordingReplayView> {
    const session = await this.sessionOf({ actor }, classId, sessionId);
    const nodes = await this.deps.store.recordedNodes(sessionId);
    // Not yet (the first piece is written a few seconds in) or no more (past its days): the page says so.
    const shown = nodes.length === 0 ? null : pickNode(nodes, node);
    const [marks, dropped] = await Promise.all([recordingMarks(this.deps.prisma, sessionId), shown ? this.deps.store.droppedEvents(sessionId, shown) : 0]);
    const labels = castMarks(marks);
    return {
      sessionId,
      lab: session.lab,
      student: session.student,
      startedAt: session.createdAt.toISOString(),
      nodes,
      node: shown,
      marks: marks.map((mark, index) => ({ kind: mark.kind, at: mark.at.toISOString(), label: labels[index]?.label ?? '' })),
      dropped,
    };
  }

  /** The .cast of one node of the session (the first recorded one unless named). */
  async cast(actor: SignedInUser, classId: string, sessionId: string, node?: string): Promise<string> {
    return this.castOf({ actor }, classId, sessionId, node);
  }

  /** For the grader API: its token grants this class (checked before, grader-route.ts). */
  async castByToken(grantedClassId: string, sessionId: string, node?: string): Promise<string> {
    return this.castOf({ grantedClassId }, grantedClassId, sessionId, node);
  }

  /** Which of these sessions (of the class's students) have a recording: the drill-down links to them. */
  async recordedAmong(actor: SignedInUser, classId: string, sessionIds: readonly string[]): Promise<string[]> {
    const managed = await this.managed({ actor }, classId);
    const members = managed.members.map((member) => member.userId);
    const theirs = await this.deps.prisma.labSession.findMany({ where: { id: { in: [...sessionIds] }, userId: { in: members } }, select: { id: true } });
    const recorded = await this.deps.store.recordedSessions(theirs.map((row) => row.id));
    return sessionIds.filter((id) => recorded.has(id));
  }

  private async castOf(access: Access, classId: string, sessionId: string, node?: string): Promise<string> {
    const session = await this.sessionOf(access, classId, sessionId);
    const shown = pickNode(await this.deps.store.recordedNodes(sessionId), node);
    const [pieces, marks] = await Promise.all([this.deps.store.pieces(sessionId, shown), recordingMarks(this.deps.prisma, sessionId)]);
    return assembleCast(pieces, castMarks(marks), `${session.student.name} — ${session.lab} (${shown})`);
  }

  private async managed(access: Access, classId: string): Promise<ManagedClassView> {
    if ('grantedClassId' in access) return this.deps.classes.managedByToken(access.grantedClassId);
    const view = await this.deps.classes.view(access.actor, classId);
    if (view.as !== 'manager') throw new NotFoundError(NOT_FOUND);
    return view.managed;
  }

  /** The session, if it is a member's of a class the caller manages (or the token grants). */
  private async sessionOf(access: Access, classId: string, sessionId: string) {
    const managed = await this.managed(access, classId);
    const row = await this.deps.prisma.labSession.findUnique({
      where: { id: sessionId },
      select: { lab: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    });
    if (!row?.user || !managed.members.some((member) => member.userId === row.user?.id)) throw new NotFoundError(NOT_FOUND);
    return { lab: row.lab, createdAt: row.createdAt, student: { name: row.user.name, email: row.user.email } };
  }
}

function pickNode(nodes: string[], wanted?: string): string {
  const node = wanted === undefined ? nodes[0] : nodes.find((candidate) => candidate === wanted);
  if (node === undefined) throw new NotFoundError(NO_RECORDING);
  return node;
}
