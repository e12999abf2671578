/**
 * The Dockyard account of a platform's user, matched by (platform, sub) only: an e-mail the
 * platform sends is used for a new account when no one has it, never to take over an existing
 * one. The role follows the LTI roles claim upwards (Instructor → instructor), never down: an
 * instructor who takes a course as a learner elsewhere stays an instructor, and an admin stays
 * an admin.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { PrismaClient } from '../../generated/prisma/client';
import type { Auth } from '../auth/better-auth';
import type { SignedInUser } from '../auth/caller';
import { isRole, type Role } from '../auth/roles';

export interface PlatformPerson {
  sub: string;
  roles: string[];
  name?: string;
  givenName?: string;
  familyName?: string;
  email?: string;
  teaches: boolean;
}

const RANK: Record<Role, number> = { student: 0, instructor: 1, admin: 2 };
const emailSchema = z.email();

export class LtiAccounts {
  constructor(private readonly deps: { prisma: PrismaClient; auth: Pick<Auth, '$context'> }) {}

  async userFor(platform: { id: string; name: string }, person: PlatformPerson): Promise<SignedInUser> {
    const wanted: Role = person.teaches ? 'instructor' : 'student';
    const known = await this.deps.prisma.ltiIdentity.findUnique({ where: { platformId_sub: { platformId: platform.id, sub: person.sub } } });
    const existing = known && (await this.deps.prisma.user.findUnique({ where: { id: known.userId } }));
    if (existing) {
      const current: Role = isRole(existing.role) ? existing.role : 'student';
      const role = RANK[wanted] > RANK[current] ? wanted : current;
      const name = displayName(person) ?? existing.name;
      if (role !== existing.role || name !== existing.name) await this.deps.prisma.user.update({ where: { id: existing.id }, data: { role, name } });
      return { id: existing.id, name, email: existing.email, role };
    }
    const context = await this.deps.auth.$context;
    const user = await context.internalAdapter.createUser(
      { name: displayName(person) ?? `Utilisateur de ${platform.name}`, email: await this.freeEmail(platform.id, person), role: wanted },
      { method: 'lti' },
    );
    try {
      await this.deps.prisma.ltiIdentity.create({ data: { platformId: platform.id, sub: person.sub, userId: user.id } });
    } catch (error) {
      // Two first launches at once: the other one's account stands, this one goes.
      await this.deps.prisma.user.delete({ where: { id: user.id } });
      const winner = await this.deps.prisma.ltiIdentity.findUnique({ where: { platformId_sub: { platformId: platform.id, sub: person.sub } } });
      if (!winner) throw error;
      return this.userFor(platform, person);
    }
    return { id: user.id, name: user.name, email: user.email, role: wanted };
  }

  /** The platform's address when nobody here has it; else one of its own that can receive no mail. */
  private async freeEmail(platformId: string, person: PlatformPerson): Promise<string> {
    const given = person.email?.trim().toLowerCase();
    if (given && emailSchema.safeParse(given).success && !(await this.deps.prisma.user.findUnique({ where: { email: given } }))) return given;
    const digest = createHash('sha256').update(`${platformId}\n${person.sub}`).digest('hex').slice(0, 24);
    return `lti-${digest}@lti.invalid`;
  }
}

function displayName(person: PlatformPerson): string | undefined {
  const name = person.name?.trim() || [person.givenName, person.familyName].filter(Boolean).join(' ').trim();
  return name ? name.slice(0, 100) : undefined;
}
