/** The LTI parts of a class page (scores on their way, roster sync) are its instructor's, or an admin's. */
import type { PrismaClient } from '../../generated/prisma/client';
import type { SignedInUser } from '../auth/caller';
import { ForbiddenError, NotFoundError } from '../errors';

export async function requireClassTeacher(prisma: PrismaClient, actor: SignedInUser, classroomId: string, forbidden: string): Promise<void> {
  const classroom = await prisma.classroom.findUnique({ where: { id: classroomId }, select: { instructorId: true } });
  if (!classroom) throw new NotFoundError("Cette classe n'existe pas, ou vous n'y avez pas accès.");
  if (classroom.instructorId !== actor.id && actor.role !== 'admin') throw new ForbiddenError(forbidden);
}
