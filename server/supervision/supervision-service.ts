/**
 * Who may look over a student's shoulder, and at which running lab session: the instructor
 * of a class the student belongs to, or an admin. The live terminal view (when it starts, then
 * every few seconds while it runs: live-view-guard.ts), the watch page and instructors' port
 * previews all ask here. Anyone else hears that the session does not
 * exist, exactly as SessionService answers strangers, so nobody learns that it does.
 */
import type { PrismaClient } from '../../generated/prisma/client';
import type { SignedInUser } from '../auth/caller';
import { NotFoundError } from '../errors';

export interface SupervisedSession {
  sessionId: string;
  /** The session's owner id: SessionService's calls take it. */
  ownerId: string;
  lab: string;
  /** Sorted by name, as the student's tabs are. */
  nodes: string[];
  student: { id: string; name: string; email: string };
}

export const NOT_SUPERVISED = "Cette session de lab n'existe pas ou n'est plus active : l'étudiant a peut-être terminé son lab. Revenez au tableau de bord de la classe.";

export class SupervisionService {
  constructor(private readonly deps: { prisma: PrismaClient }) {}

  /**
   * The student's running session, if `user` supervises its owner (in class `classId` when
   * given: the watch page's address names one); 404 otherwise.
   */
  async supervisedSession(user: SignedInUser, sessionId: string, classId?: string): Promise<SupervisedSession> {
    if (user.role !== 'instructor' && user.role !== 'admin') throw new NotFoundError(NOT_SUPERVISED);
    const row = await this.deps.prisma.labSession.findUnique({
      where: { id: sessionId },
      include: { nodes: { orderBy: { name: 'asc' } }, user: { select: { id: true, name: true, email: true } } },
    });
    // Workshop sessions (no account) belong to no class: nobody supervises them.
    if (!row || row.state !== 'running' || !row.user) throw new NotFoundError(NOT_SUPERVISED);
    if (!(await this.supervises(user, row.user.id, classId))) throw new NotFoundError(NOT_SUPERVISED);
    return { sessionId: row.id, ownerId: row.ownerId, lab: row.lab, nodes: row.nodes.map((node) => node.name), student: row.user };
  }

  /**
   * The owner id of a session `user` supervises, or null: the preview then goes on with the
   * caller's own id, a running live view stops.
   */
  async supervisedOwner(user: SignedInUser, sessionId: string): Promise<string | null> {
    try {
      return (await this.supervisedSession(user, sessionId)).ownerId;
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }

  private async supervises(user: SignedInUser, studentId: string, classId?: string): Promise<boolean> {
    const classes = {
      members: { some: { userId: studentId } },
      ...(classId !== undefined && { id: classId }),
      ...(user.role !== 'admin' && { instructorId: user.id }),
    };
    // An admin supervises everyone, but within a named class only its members.
    if (user.role === 'admin' && classId === undefined) return true;
    return (await this.deps.prisma.classroom.count({ where: classes })) > 0;
  }
}
