/**
 * LTI 1.3 Advantage with Dockyard as the tool (docs/lti.md): the platforms an admin
 * registered, Dockyard's keys, the launch (login initiation, id_token, account, class, ticket),
 * deep linking, scores (AGS, through the outbox) and rosters (NRPS). Routes call this facade;
 * each concern lives in its own file.
 */
import type { PrismaClient } from '../../generated/prisma/client';
import type { Auth } from '../auth/better-auth';
import type { SignedInUser } from '../auth/caller';
import type { AssignableItem, CourseContent } from '../classes/assignable-content';
import type { ClassService } from '../classes/class-service';
import type { ProgressService } from '../progress/progress-service';
import { DeepLinking } from './deep-linking';
import { IdTokenVerifier } from './id-token-verifier';
import { LtiAccounts } from './lti-accounts';
import { CLAIM, isDeepLinking, SCOPE, teachesIn, TARGET_PARAMETER, type ResourceLinkLaunch } from './lti-claims';
import { LtiClasses } from './lti-classes';
import { describeFailure, LtiLaunchError } from './lti-errors';
import { LtiGrades } from './lti-grades';
import { LtiKeys } from './lti-keys';
import { initiateLogin, type LoginInput, type LoginRedirect } from './lti-login';
import { LtiPlatforms, type PlatformRow } from './lti-platforms';
import { LtiSignIn } from './lti-sign-in';
import { findOrCreateLineItem } from './line-items';
import { resolveTarget, targetParameter } from './lti-targets';
import { PlatformTokens } from './platform-tokens';
import { RosterSync } from './roster-sync';
import { ScoreOutbox } from './score-outbox';
import { toolUrls } from './tool-urls';

export interface LtiServiceDeps {
  prisma: PrismaClient;
  auth: Pick<Auth, '$context'>;
  classes: Pick<ClassService, 'create'>;
  content: CourseContent;
  progress: Pick<ProgressService, 'labProgressOf' | 'maxScore'>;
  /** Dockyard's server secret: the LTI private keys are sealed with a key derived from it. */
  secret: string;
  /** DOCKYARD_PUBLIC_URL; else the origin of the latest launch serves for links in scores. */
  publicUrl?: string;
  keyRotationDays: number;
  log: (message: string) => void;
  /** Told of every score posted to a platform, sent or failed (server/metrics). */
  onScorePosted?: (outcome: 'sent' | 'failed') => void;
  now?: () => Date;
}

/** What a verified launch leads to: a one-time ticket the launch page redeems (lti-sign-in.ts). */
export interface LaunchOutcome {
  ticket: string;
}

export class LtiService {
  readonly platforms: LtiPlatforms;
  readonly keys: LtiKeys;
  readonly deepLinking: DeepLinking;
  readonly signIn: LtiSignIn;
  readonly grades: LtiGrades;
  readonly outbox: ScoreOutbox;
  readonly roster: RosterSync;
  private readonly verifier: IdTokenVerifier;
  private readonly accounts: LtiAccounts;
  private readonly ltiClasses: LtiClasses;
  private readonly tokens: PlatformTokens;
  private lastOrigin: string | undefined;
  private readonly now: () => Date;

  constructor(private readonly deps: LtiServiceDeps) {
    const now = deps.now ?? (() => new Date());
    this.now = now;
    const { prisma } = deps;
    this.platforms = new LtiPlatforms(prisma);
    this.keys = new LtiKeys({ prisma, secret: deps.secret, rotateAfterDays: deps.keyRotationDays, now });
    const tokens = new PlatformTokens({ keys: this.keys, now });
    this.tokens = tokens;
    this.verifier = new IdTokenVerifier({ prisma, platforms: this.platforms, now });
    this.accounts = new LtiAccounts({ prisma, auth: deps.auth });
    this.ltiClasses = new LtiClasses({ prisma, classes: deps.classes });
    this.signIn = new LtiSignIn({ prisma, auth: deps.auth, now });
    this.deepLinking = new DeepLinking({ prisma, platforms: this.platforms, keys: this.keys, content: deps.content, progress: deps.progress, now });
    this.outbox = new ScoreOutbox({ prisma, tokens, now, log: deps.log, onPosted: deps.onScorePosted });
    this.grades = new LtiGrades({ prisma, progress: deps.progress, outbox: this.outbox, origin: () => this.origin(), now, log: deps.log });
    this.roster = new RosterSync({ prisma, tokens, accounts: this.accounts, classes: this.ltiClasses });
  }

  /** Step 1: where to send the browser (the platform's authorisation endpoint). */
  login(input: LoginInput, origin: string): Promise<LoginRedirect> {
    return initiateLogin({ prisma: this.deps.prisma, platforms: this.platforms, now: this.now }, input, toolUrls(origin).launch);
  }

  /** Step 2: a verified id_token signs its person in (through a ticket) and sends them where the link points. */
  async launch(input: { idToken: string; state: string; stateCookie?: string }, origin: string): Promise<LaunchOutcome> {
    this.lastOrigin = origin;
    const { platform, claims } = await this.verifier.verify(input);
    const teaches = teachesIn(claims[CLAIM.roles]);
    const user = await this.accounts.userFor(platform, {
      sub: claims.sub,
      roles: claims[CLAIM.roles],
      name: claims.name,
      givenName: claims.given_name,
      familyName: claims.family_name,
      email: claims.email,
      teaches,
    });
    const context = claims[CLAIM.context];
    const classroomId = await this.ltiClasses.classFor(
      platform.id,
      context && { ...context, membershipsUrl: claims[CLAIM.nrps]?.context_memberships_url },
      user,
      teaches,
    );
    let target: string;
    if (isDeepLinking(claims)) {
      if (!teaches) throw new LtiLaunchError('Demande de deep linking par une personne sans rôle enseignant.', 'Seuls les enseignants ajoutent des activités Dockyard à un cours.');
      target = await this.deepLinking.begin(platform, claims, user);
    } else {
      target = await this.resourceLinkTarget(platform, claims, user, classroomId, teaches);
    }
    return { ticket: await this.signIn.issue(user.id, target) };
  }

  /** Whether the class came from an LMS course, and whether that course shares its roster (NRPS). */
  async courseOf(classroomId: string): Promise<{ rosterShared: boolean } | null> {
    const context = await this.deps.prisma.ltiContext.findUnique({ where: { classroomId }, select: { membershipsUrl: true } });
    return context && { rosterShared: context.membershipsUrl !== null };
  }

  /** The instructor's roster button, and their launches: the class follows the LMS. */
  async syncRosterQuietly(actor: SignedInUser, classroomId: string): Promise<void> {
    await this.roster.sync(actor, classroomId).catch((error: unknown) => this.deps.log(`LTI : liste de la classe ${classroomId} non synchronisée : ${describeFailure(error)}`));
  }

  private async resourceLinkTarget(platform: PlatformRow, claims: ResourceLinkLaunch, user: SignedInUser, classroomId: string | null, teaches: boolean): Promise<string> {
    const item = await resolveTarget(this.deps.content, { custom: claims[CLAIM.custom]?.[TARGET_PARAMETER], targetLinkUri: claims[CLAIM.targetLinkUri] });
    if (classroomId && item) await this.ltiClasses.assign(classroomId, item);
    if (classroomId && teaches && claims[CLAIM.nrps]) await this.syncRosterQuietly(user, classroomId);
    if (item?.kind === 'lab' && !teaches) {
      const lineItemUrl = await this.lineItemOf(platform, claims, item);
      if (lineItemUrl) await this.grades.link({ platformId: platform.id, userId: user.id, sub: claims.sub, lab: item.slug, lineItemUrl, classroomId });
    }
    if (item) return item.href;
    return classroomId ? `/classes/${classroomId}` : '/';
  }

  /**
   * Where this launch's lab score goes: the link's own line item, or — a link made by hand, with
   * the line-item scope — one Dockyard finds or creates. None (no AGS, or the platform refused):
   * the lab works, ungraded in the LMS, and the log says why.
   */
  private async lineItemOf(platform: PlatformRow, claims: ResourceLinkLaunch, item: AssignableItem): Promise<string | null> {
    const ags = claims[CLAIM.ags];
    if (!ags?.scope.includes(SCOPE.score)) return null;
    if (ags.lineitem) return ags.lineitem;
    if (!ags.lineitems || !ags.scope.includes(SCOPE.lineItem)) return null;
    try {
      return await findOrCreateLineItem(this.tokens, platform, {
        lineItemsUrl: ags.lineitems,
        resourceLinkId: claims[CLAIM.resourceLink].id,
        resourceId: targetParameter(item),
        label: `Lab — ${item.title}`,
        scoreMaximum: (await this.deps.progress.maxScore('lab', item.slug)) ?? 0,
      });
    } catch (error) {
      this.deps.log(`LTI : pas de colonne de notes pour « ${item.slug} » sur « ${platform.name} » : ${describeFailure(error)}`);
      return null;
    }
  }

  private origin(): string {
    return this.deps.publicUrl ? new URL(this.deps.publicUrl).origin : (this.lastOrigin ?? 'http://localhost');
  }
}
