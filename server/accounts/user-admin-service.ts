/**
 * What admins do to accounts: list them, change a role, disable or re-enable one, give a
 * new provisional password to someone who forgot theirs (no mail server is assumed). Disabling
 * signs the user out everywhere (their better-auth sessions are deleted; the admin plugin
 * then refuses their sign-in) and ends their running labs, so their machines go too.
 * An admin never changes or disables their own account: there is always one admin left.
 */
import type { PrismaClient } from '../../generated/prisma/client';
import type { SignedInUser } from '../auth/caller';
import { isRole, type Role } from '../auth/roles';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { provisionalPassword } from './provisional-password';
import type { UserView } from './user-view';

export interface UserAdminDeps {
  prisma: PrismaClient;
  /** Ends every running lab session of this owner (SessionService.endAllOf). */
  endLabSessions: (ownerId: string) => Promise<unknown>;
  /** better-auth's own password hash, so that its sign-in accepts the new password. */
  hashPassword: (password: string) => Promise<string>;
}

const USER_NOT_FOUND = "Cet utilisateur n'existe pas (ou plus) : rechargez la page.";
const NOT_YOURSELF = 'Vous ne pouvez pas modifier votre propre compte ici : demandez-le à un autre administrateur.';
const NO_PASSWORD = "Ce compte n'a pas de mot de passe Dockyard : il n'y a rien à réinitialiser.";
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

  /**
   * Replaces the user's password with a provisional one, returned once for the admin to hand
   * over, and signs the user out everywhere (whoever knew the old password loses the session).
   */
  async resetPassword(actor: SignedInUser, userId: string): Promise<{ password: string }> {
    await this.requireOther(actor, userId);
    const password = provisionalPassword();
    const hash = await this.deps.hashPassword(password);
    const updated = await this.deps.prisma.account.updateMany({ where: { userId, providerId: 'credential' }, data: { password: hash } });
    if (updated.count === 0) throw new ConflictError(NO_PASSWORD);
    await this.deps.prisma.session.deleteMany({ where: { userId } });
    return { password };
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
