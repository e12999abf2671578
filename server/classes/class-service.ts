/**
 * Classes: an instructor creates one, shares its join code, assigns course content with
 * optional deadlines and sees who joined; a student joins with the code and sees the
 * assignments. An instructor manages only their own classes, an admin every class (and lists
 * them all, renames them, hands one over to another teacher); a class the caller may not
 * see is answered as not found, like another student's lab session.
 */
import type { PrismaClient } from '../../generated/prisma/client';
import type { SignedInUser } from '../auth/caller';
import { isRole, TEACHING_ROLES } from '../auth/roles';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { listAssignable, type AssignableItem, type AssignmentKind, type CourseContent } from './assignable-content';
import type {
  AssignmentView,
  ClassPageView,
  JoinedClassView,
  ManagedClassView,
  TaughtClassSummary,
  TeacherView,
} from './class-views';
import { generateJoinCode, isJoinCode, normalizeJoinCode } from './join-code';
import { canManage, CLASS_NOT_FOUND, requireManagedClass, type ClassroomRow } from './managed-class';

export interface ClassServiceDeps {
  prisma: PrismaClient;
  content: CourseContent;
  generateCode?: () => string;
}

export interface AssignmentInput {
  kind: AssignmentKind;
  slug: string;
  /** ISO date-time, or null for no deadline. */
  dueAt: string | null;
}

const UNKNOWN_CODE = "Aucune classe n'a ce code : vérifiez-le auprès de votre enseignant (8 caractères, comme ABCD-EFGH).";
const TEACHERS_ONLY = 'Seuls les enseignants créent des classes. Demandez ce rôle à un administrateur.';
const CODE_ATTEMPTS = 5;


export class ClassService {
  constructor(private readonly deps: ClassServiceDeps) {}

  private get prisma() {
    return this.deps.prisma;
  }

  async create(actor: SignedInUser, name: string): Promise<{ id: string }> {
    if (!TEACHING_ROLES.includes(actor.role)) throw new ForbiddenError(TEACHERS_ONLY);
    return this.withFreshCode((joinCode) =>
      this.prisma.classroom.create({ data: { name, joinCode, instructorId: actor.id }, select: { id: true } }),
    );
  }

  /** The classes this instructor teaches (an admin's own too; all classes are in listAll). */
  async listTaught(actor: SignedInUser): Promise<TaughtClassSummary[]> {
    if (!TEACHING_ROLES.includes(actor.role)) return [];
    return this.summaries({ instructorId: actor.id });
  }

  async listAll(actor: SignedInUser): Promise<TaughtClassSummary[]> {
    requireAdmin(actor, 'La liste de toutes les classes est réservée aux administrateurs.');
    return this.summaries({});
  }

  /** Who a class can be handed over to (transfer): enabled accounts with a teaching role, by name. */
  async listTeachers(actor: SignedInUser): Promise<TeacherView[]> {
    requireAdmin(actor, 'La liste des enseignants est réservée aux administrateurs.');
    return this.prisma.user.findMany({
      where: { role: { in: [...TEACHING_ROLES] }, banned: false },
      orderBy: [{ name: 'asc' }, { email: 'asc' }],
      select: { id: true, name: true, email: true },
    });
  }

  /** A new name (a new term, a typo): its instructor or an admin. */
  async rename(actor: SignedInUser, classId: string, name: string): Promise<{ name: string }> {
    await this.requireManaged(actor, classId);
    return this.prisma.classroom.update({ where: { id: classId }, data: { name }, select: { name: true } });
  }

  /**
   * Hands the class over to another teacher (one who leaves, a class changing hands), with
   * its roster, assignments, grader tokens and results: its instructor or an admin does it.
   * The new instructor must hold a teaching role on an enabled account, or they could not
   * manage it; if they had joined it as a student, they leave its roster.
   */
  async transfer(actor: SignedInUser, classId: string, toUserId: string): Promise<{ instructor: TeacherView }> {
    const row = await this.requireManaged(actor, classId);
    const target = await this.prisma.user.findUnique({ where: { id: toUserId }, select: { id: true, name: true, email: true, role: true, banned: true } });
    if (!target) throw new NotFoundError("Ce compte n'existe pas (ou plus) : rechargez la page et choisissez un enseignant de la liste.");
    if (!isRole(target.role) || !TEACHING_ROLES.includes(target.role)) {
      throw new ConflictError(`${target.name} n'a pas le rôle d'enseignant : un administrateur doit d'abord le lui donner (page Administration, « Comptes »), puis lui confier la classe.`);
    }
    if (target.banned) throw new ConflictError(`Le compte de ${target.name} est désactivé : réactivez-le d'abord, ou confiez la classe à un autre enseignant.`);
    if (row.instructorId !== target.id) {
      await this.prisma.$transaction([
        this.prisma.classMember.deleteMany({ where: { classroomId: classId, userId: target.id } }),
        this.prisma.classroom.update({ where: { id: classId }, data: { instructorId: target.id } }),
      ]);
    }
    return { instructor: { id: target.id, name: target.name, email: target.email } };
  }

  /** The classes this user joined, with their assignments. */
  async listJoined(actor: SignedInUser): Promise<JoinedClassView[]> {
    const memberships = await this.prisma.classMember.findMany({
      where: { userId: actor.id },
      orderBy: { joinedAt: 'desc' },
      include: { classroom: { include: { instructor: { select: { name: true } }, assignments: true } } },
    });
    const catalog = await this.catalog();
    return memberships.map(({ classroom }) => ({
      id: classroom.id,
      name: classroom.name,
      instructorName: classroom.instructor.name,
      assignments: toAssignmentViews(classroom.assignments, catalog),
    }));
  }

  /** The class page: the management view for its instructor or an admin, the assignments for a member. */
  async view(actor: SignedInUser, classId: string): Promise<ClassPageView> {
    const row = await this.loadClass(classId);
    const managed = await this.toManaged(row);
    if (canManage(actor, row)) return { as: 'manager', managed };
    if (row.members.some((m) => m.userId === actor.id)) {
      return { as: 'member', joined: { id: row.id, name: row.name, instructorName: row.instructor.name, assignments: managed.assignments } };
    }
    throw new NotFoundError(CLASS_NOT_FOUND);
  }

  /**
   * The management view without a signed-in actor: for the grader API, whose token was
   * already checked to grant this very class (server/grader/grader-tokens.ts).
   */
  async managedByToken(grantedClassId: string): Promise<ManagedClassView> {
    return this.toManaged(await this.loadClass(grantedClassId));
  }

  private async loadClass(classId: string) {
    const row = await this.prisma.classroom.findUnique({
      where: { id: classId },
      include: {
        instructor: { select: { name: true, email: true } },
        assignments: true,
        members: { include: { user: { select: { name: true, email: true } } }, orderBy: { joinedAt: 'asc' } },
      },
    });
    if (!row) throw new NotFoundError(CLASS_NOT_FOUND);
    return row;
  }

  private async toManaged(row: Awaited<ReturnType<ClassService['loadClass']>>): Promise<ManagedClassView> {
    return {
      id: row.id,
      name: row.name,
      joinCode: row.joinCode,
      instructor: row.instructor,
      members: row.members.map((m) => ({ userId: m.userId, name: m.user.name, email: m.user.email, joinedAt: m.joinedAt.toISOString() })),
      assignments: toAssignmentViews(row.assignments, await this.catalog()),
      createdAt: row.createdAt.toISOString(),
    };
  }

  /** Joins the class with this code (typed loosely); joining twice is harmless. */
  async join(actor: SignedInUser, typedCode: string): Promise<{ id: string; name: string }> {
    const code = normalizeJoinCode(typedCode);
    const row = isJoinCode(code) ? await this.prisma.classroom.findUnique({ where: { joinCode: code } }) : null;
    if (!row) throw new NotFoundError(UNKNOWN_CODE);
    if (row.instructorId === actor.id) throw new ConflictError("C'est votre propre classe : vous la gérez déjà depuis « Mes classes ».");
    await this.prisma.classMember.upsert({
      where: { classroomId_userId: { classroomId: row.id, userId: actor.id } },
      create: { classroomId: row.id, userId: actor.id },
      update: {},
    });
    return { id: row.id, name: row.name };
  }

  async leave(actor: SignedInUser, classId: string): Promise<void> {
    const { count } = await this.prisma.classMember.deleteMany({ where: { classroomId: classId, userId: actor.id } });
    if (count === 0) throw new NotFoundError(CLASS_NOT_FOUND);
  }

  async removeMember(actor: SignedInUser, classId: string, userId: string): Promise<void> {
    await this.requireManaged(actor, classId);
    const { count } = await this.prisma.classMember.deleteMany({ where: { classroomId: classId, userId } });
    if (count === 0) throw new NotFoundError("Cette personne ne fait pas (ou plus) partie de la classe : rechargez la page.");
  }

  /** A new join code: the old one stops working (a code that leaked, a new term). */
  async renewCode(actor: SignedInUser, classId: string): Promise<{ joinCode: string }> {
    await this.requireManaged(actor, classId);
    return this.withFreshCode((joinCode) =>
      this.prisma.classroom.update({ where: { id: classId }, data: { joinCode }, select: { joinCode: true } }),
    );
  }

  /** Gives the class a lab, lesson or quiz; giving it again changes its deadline. */
  async assign(actor: SignedInUser, classId: string, input: AssignmentInput): Promise<AssignmentView> {
    await this.requireManaged(actor, classId);
    const catalog = await this.catalog();
    const item = catalog.get(catalogKey(input.kind, input.slug));
    if (!item) throw new NotFoundError(`« ${input.slug} » n'est pas dans le cours : choisissez un contenu de la liste.`);
    const dueAt = input.dueAt ? new Date(input.dueAt) : null;
    const row = await this.prisma.assignment.upsert({
      where: { classroomId_kind_slug: { classroomId: classId, kind: input.kind, slug: input.slug } },
      create: { classroomId: classId, kind: input.kind, slug: input.slug, dueAt },
      update: { dueAt },
    });
    return toAssignmentView(row, catalog);
  }

  async unassign(actor: SignedInUser, classId: string, assignmentId: string): Promise<void> {
    await this.requireManaged(actor, classId);
    const { count } = await this.prisma.assignment.deleteMany({ where: { id: assignmentId, classroomId: classId } });
    if (count === 0) throw new NotFoundError('Ce devoir a déjà été retiré : rechargez la page.');
  }

  /** Deletes the class, its roster and its assignments (students' lab sessions and attempts stay theirs). */
  async delete(actor: SignedInUser, classId: string): Promise<void> {
    await this.requireManaged(actor, classId);
    await this.prisma.classroom.delete({ where: { id: classId } });
  }

  /** Everything the course offers to assign, in its order. */
  assignable(): Promise<AssignableItem[]> {
    return listAssignable(this.deps.content);
  }

  private requireManaged(actor: SignedInUser, classId: string): Promise<ClassroomRow> {
    return requireManagedClass(this.prisma, actor, classId);
  }

  private async summaries(where: { instructorId?: string }): Promise<TaughtClassSummary[]> {
    const rows = await this.prisma.classroom.findMany({
      where,
      orderBy: { createdAt: 'desc' },
      include: { instructor: { select: { name: true } }, _count: { select: { members: true, assignments: true } } },
    });
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      joinCode: row.joinCode,
      instructorId: row.instructorId,
      instructorName: row.instructor.name,
      students: row._count.members,
      assignments: row._count.assignments,
      createdAt: row.createdAt.toISOString(),
    }));
  }

  private async catalog(): Promise<Map<string, AssignableItem>> {
    const items = await this.assignable();
    return new Map(items.map((item) => [catalogKey(item.kind, item.slug), item]));
  }

  /** Runs `write` with a new random code, again on the rare clash with an existing one. */
  private async withFreshCode<T>(write: (code: string) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await write((this.deps.generateCode ?? generateJoinCode)());
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= CODE_ATTEMPTS) throw error;
      }
    }
  }
}

function requireAdmin(actor: SignedInUser, message: string): void {
  if (actor.role !== 'admin') throw new ForbiddenError(message);
}

/** Its own instructor (still an instructor), or any admin. */
const catalogKey = (kind: string, slug: string) => `${kind}/${slug}`;

type AssignmentRow = { id: string; kind: string; slug: string; dueAt: Date | null };

/** In the course's order; content that left the course comes last, under its slug. */
function toAssignmentViews(rows: AssignmentRow[], catalog: Map<string, AssignableItem>): AssignmentView[] {
  const order = [...catalog.keys()];
  const position = (row: AssignmentRow) => {
    const index = order.indexOf(catalogKey(row.kind, row.slug));
    return index === -1 ? order.length : index;
  };
  return [...rows].sort((a, b) => position(a) - position(b)).map((row) => toAssignmentView(row, catalog));
}

function toAssignmentView(row: AssignmentRow, catalog: Map<string, AssignableItem>): AssignmentView {
  const item = catalog.get(catalogKey(row.kind, row.slug));
  return {
    id: row.id,
    kind: row.kind as AssignmentKind,
    slug: row.slug,
    title: item?.title ?? row.slug,
    href: item?.href ?? null,
    dueAt: row.dueAt?.toISOString() ?? null,
  };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}
