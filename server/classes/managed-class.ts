/**
 * Who may manage a class: its instructor while they are an instructor, or an admin. Everyone
 * else is told the class does not exist (404), so a class id reveals nothing. One rule for the
 * class pages, the results, and the LTI parts of a class (scores on their way, roster sync).
 */
import type { PrismaClient } from '../../generated/prisma/client';
import type { SignedInUser } from '../auth/caller';
import { NotFoundError } from '../errors';

export const CLASS_NOT_FOUND = "Cette classe n'existe pas, ou vous n'y avez pas accès.";

export type ClassroomRow = { id: string; instructorId: string };

export function canManage(actor: SignedInUser, row: ClassroomRow): boolean {
  return actor.role === 'admin' || (actor.role === 'instructor' && row.instructorId === actor.id);
}

export async function requireManagedClass(prisma: PrismaClient, actor: SignedInUser, classId: string): Promise<ClassroomRow> {
  const row = await prisma.classroom.findUnique({ where: { id: classId }, select: { id: true, instructorId: true } });
  if (!row || !canManage(actor, row)) throw new NotFoundError(CLASS_NOT_FOUND);
  return row;
}
