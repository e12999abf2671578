/**
 * What admins do to accounts: list them, change a role, disable or re-enable one. Disabling
 * signs the user out everywhere (their better-auth sessions are deleted; the admin plugin
 * then refuses their sign-in) and ends their running labs, so their machines go too.
 * An admin never changes or disables their own account: there is always one admin left.
 */
import type { PrismaClient } from '../../generated/prisma/client';
import type { SignedInUser } from '../auth/caller';
import { isRole, type Role } from '../auth/roles';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import type { UserView } from './user-view';

export interface UserAdminDeps {
  prisma: PrismaClient;
  /** Ends every running lab session of this owner (SessionService.endAllOf). */
  endLabSessions: (ownerId: string) => Promise<unknown>;
}

const USER_NOT_FOUND = "Cet utilisateur n'existe pas (ou plus) : rechargez la page.";
const NOT_YOURSELF = 'Vous ne pouvez pas modifier votre propre compte ici : demandez-le à un autre administrateur.';
const LIST_LIMIT = 200;

export class UserAdminService {
  constructor(private readonly deps: UserAdminDeps) {}

  /** Users by newest first, filtered by a piece of their name or e-mail. */
  async list(actor: SignedInUser, search = ''): Promise<UserView[]> {
    requireAdmin(actor);
    const query = search.trim();
    const rows = await this.deps.prisma.user.findMany({
      where: query
        ? { OR: [{ name: { contains: query, mode: 'insensitive' } }, { email: { contains: query, mode: 'insensitive' } }] }
        : {},
      orderBy: { createdAt: 'desc' },
      take: LIST_LIMIT,
      include: { _count: { select: { classesTaught: true, memberships: true } } },
    });
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      email: row.email,
      role: isRole(row.role) ? row.role : 'student',
      disabled: row.banned,
      createdAt: row.createdAt.toISOString(),
      classesTaught: row._count.classesTaught,
      classesJoined: row._count.memberships,
    }));
  }

  async setRole(actor: SignedInUser, userId: string, role: Role): Promise<void> {
    await this.requireOther(actor, userId);
    await this.deps.prisma.user.update({ where: { id: userId }, data: { role } });
  }

  async setDisabled(actor: SignedInUser, userId: string, disabled: boolean): Promise<void> {
    await this.requireOther(actor, userId);
    await this.deps.prisma.user.update({
      where: { id: userId },
      data: { banned: disabled, banReason: disabled ? `désactivé par ${actor.email}` : null },
    });
    if (!disabled) return;
    await this.deps.prisma.session.deleteMany({ where: { userId } });
    await this.deps.endLabSessions(userId);
  }

  private async requireOther(actor: SignedInUser, userId: string): Promise<void> {
    requireAdmin(actor);
    if (userId === actor.id) throw new ConflictError(NOT_YOURSELF);
    const found = await this.deps.prisma.user.findUnique({ where: { id: userId }, select: { id: true } });
    if (!found) throw new NotFoundError(USER_NOT_FOUND);
  }
}

function requireAdmin(actor: SignedInUser): void {
  if (actor.role !== 'admin') throw new ForbiddenError('La gestion des utilisateurs est réservée aux administrateurs.');
}
