/**
 * An LMS course (the launch's context) and its Dockyard class. The first instructor who
 * launches from a course makes the class (they teach it); students who launch join it; the
 * activity launched becomes one of the class's assignments, so the class's results page shows
 * it. A student who launches before any instructor did lands on the activity all the same
 * (their scores still go back); the roster sync adds them once the class exists.
 */
import type { PrismaClient } from '../../generated/prisma/client';
import type { SignedInUser } from '../auth/caller';
import type { AssignableItem } from '../classes/assignable-content';
import type { ClassService } from '../classes/class-service';

export interface LaunchContext {
  id: string;
  title?: string;
  label?: string;
  membershipsUrl?: string;
}

export class LtiClasses {
  constructor(private readonly deps: { prisma: PrismaClient; classes: Pick<ClassService, 'create'> }) {}

  /** The class of this course for this person, made or joined as their role says; null when none (yet). */
  async classFor(platformId: string, context: LaunchContext | undefined, user: SignedInUser, teaches: boolean): Promise<string | null> {
    if (!context) return null;
    const key = { platformId_contextId: { platformId, contextId: context.id } };
    const linked = await this.deps.prisma.ltiContext.findUnique({ where: key });
    if (!linked) {
      if (!teaches) return null;
      const name = (context.title || context.label || 'Cours LTI').slice(0, 100);
      const { id } = await this.deps.classes.create(user, name);
      await this.deps.prisma.ltiContext.create({ data: { platformId, contextId: context.id, classroomId: id, membershipsUrl: context.membershipsUrl ?? null } });
      return id;
    }
    if (teaches) {
      if (context.membershipsUrl && context.membershipsUrl !== linked.membershipsUrl) {
        await this.deps.prisma.ltiContext.update({ where: key, data: { membershipsUrl: context.membershipsUrl } });
      }
    } else {
      await this.addMember(linked.classroomId, user.id);
    }
    return linked.classroomId;
  }

  async addMember(classroomId: string, userId: string): Promise<boolean> {
    const { count } = await this.deps.prisma.classMember.createMany({ data: [{ classroomId, userId }], skipDuplicates: true });
    return count > 0;
  }

  /** The activity becomes an assignment of the class (a deadline set in Dockyard stays). */
  async assign(classroomId: string, item: AssignableItem): Promise<void> {
    await this.deps.prisma.assignment.upsert({
      where: { classroomId_kind_slug: { classroomId, kind: item.kind, slug: item.slug } },
      create: { classroomId, kind: item.kind, slug: item.slug },
      update: {},
    });
  }
}
