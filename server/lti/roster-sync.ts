/**
 * Names and Role Provisioning: the class's roster from the LMS. Each active learner of the
 * course gets (or keeps) their Dockyard account, matched by their sub as at a launch, and joins
 * the class. Members the LMS no longer lists are left in place: removing someone stays the
 * instructor's decision (their page has the button).
 */
import { z } from 'zod';
import type { PrismaClient } from '../../generated/prisma/client';
import type { SignedInUser } from '../auth/caller';
import { ConflictError } from '../errors';
import { requireManagedClass } from '../classes/managed-class';
import { SCOPE, teachesIn } from './lti-claims';
import type { LtiAccounts } from './lti-accounts';
import type { LtiClasses } from './lti-classes';
import { LtiPlatformCallError } from './lti-errors';
import { CALL_TIMEOUT_MS, type PlatformTokens } from './platform-tokens';

const MAX_PAGES = 50;
const MEMBERSHIP_TYPE = 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json';

const membershipPage = z.object({
  members: z.array(
    z.object({
      user_id: z.string().min(1).max(255),
      roles: z.array(z.string()).default([]),
      status: z.string().optional(),
      name: z.string().max(200).optional(),
      given_name: z.string().max(100).optional(),
      family_name: z.string().max(100).optional(),
      email: z.string().max(254).optional(),
    }),
  ),
});

export interface RosterSyncResult {
  /** Learners the LMS lists as active. */
  listed: number;
  /** Of those, who was not a member yet. */
  added: number;
}

export class RosterSync {
  constructor(
    private readonly deps: { prisma: PrismaClient; tokens: PlatformTokens; accounts: LtiAccounts; classes: LtiClasses },
  ) {}

  async sync(actor: SignedInUser, classroomId: string): Promise<RosterSyncResult> {
    await requireManagedClass(this.deps.prisma, actor, classroomId);
    const context = await this.deps.prisma.ltiContext.findUnique({ where: { classroomId } });
    if (!context?.membershipsUrl) {
      throw new ConflictError('Cette classe ne vient pas d’un cours LTI qui partage sa liste (NRPS) : lancez Dockyard depuis le cours en tant qu’enseignant.');
    }
    const platform = await this.deps.prisma.ltiPlatform.findUniqueOrThrow({ where: { id: context.platformId } });
    const token = await this.deps.tokens.token(platform, [SCOPE.memberships]);
    let listed = 0;
    let added = 0;
    let next: string | undefined = context.membershipsUrl;
    for (let page = 0; next && page < MAX_PAGES; page += 1) {
      const response: Response = await fetch(next, { headers: { authorization: `Bearer ${token}`, accept: MEMBERSHIP_TYPE }, signal: AbortSignal.timeout(CALL_TIMEOUT_MS) });
      if (!response.ok) throw new LtiPlatformCallError('la demande de liste', `GET ${next} : ${response.status}`);
      const parsed = membershipPage.safeParse(await response.json().catch(() => null));
      if (!parsed.success) throw new LtiPlatformCallError('la demande de liste', `GET ${next} : réponse NRPS illisible`);
      for (const member of parsed.data.members) {
        if ((member.status ?? 'Active') !== 'Active' || teachesIn(member.roles)) continue;
        listed += 1;
        const user = await this.deps.accounts.userFor(platform, {
          sub: member.user_id,
          roles: member.roles,
          name: member.name,
          givenName: member.given_name,
          familyName: member.family_name,
          email: member.email,
          teaches: false,
        });
        if (await this.deps.classes.addMember(classroomId, user.id)) added += 1;
      }
      next = nextPage(response.headers.get('link'));
    }
    return { listed, added };
  }
}

/** RFC 8288 Link header: the rel="next" address, if any. */
function nextPage(link: string | null): string | undefined {
  return link?.split(',').map((part) => /<([^>]+)>\s*;\s*rel="?next"?/.exec(part)?.[1]).find(Boolean);
}
