/**
 * The first admin: created with its password through better-auth (never hashed by us), or,
 * when the address already has an account, given the admin role and re-enabled — its
 * password is left alone. Used by `npm run admin:create` and by DOCKYARD_ADMIN_EMAIL at start.
 */
import type { PrismaClient } from '../../generated/prisma/client';
import type { Auth } from '../auth/better-auth';

export interface AdminRequest {
  email: string;
  password: string;
  name?: string;
}

export type EnsureAdminOutcome = 'created' | 'promoted' | 'unchanged';

export async function ensureAdmin(
  deps: { auth: Pick<Auth, 'api'>; prisma: PrismaClient },
  request: AdminRequest,
): Promise<EnsureAdminOutcome> {
  const email = request.email.trim().toLowerCase();
  const existing = await deps.prisma.user.findUnique({ where: { email } });
  if (!existing) {
    const { user } = await deps.auth.api.signUpEmail({
      body: { email, password: request.password, name: request.name?.trim() || 'Administrateur' },
    });
    await deps.prisma.user.update({ where: { id: user.id }, data: { role: 'admin' } });
    // Signing up also signed this command in: nobody holds that session's cookie.
    await deps.prisma.session.deleteMany({ where: { userId: user.id } });
    return 'created';
  }
  if (existing.role === 'admin' && !existing.banned) return 'unchanged';
  await deps.prisma.user.update({ where: { id: existing.id }, data: { role: 'admin', banned: false, banReason: null } });
  return 'promoted';
}
