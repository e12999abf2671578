/**
 * Deep Linking 2.0: the instructor, sent by the LMS's activity picker, chooses a lab, a quiz or
 * a lesson from Dockyard's catalog; Dockyard answers the platform with a signed
 * LtiDeepLinkingResponse holding one LtiResourceLink. A lab's carries a line item worth the
 * lab's points, so the platform creates the gradebook column that AGS scores go to.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../generated/prisma/client';
import type { SignedInUser } from '../auth/caller';
import type { AssignableItem, CourseContent } from '../classes/assignable-content';
import { NotFoundError } from '../errors';
import type { ProgressService } from '../progress/progress-service';
import { CLAIM, TARGET_PARAMETER, type DeepLinkingLaunch } from './lti-claims';
import { LtiExpiredError } from './lti-errors';
import type { LtiKeys } from './lti-keys';
import type { LtiPlatforms, PlatformRow } from './lti-platforms';
import { findCatalogItem, targetParameter, type ContentTarget } from './lti-targets';

const CHOICE_LIFETIME_MS = 60 * 60_000;

export interface DeepLinkChoice {
  /** Where the browser posts the signed response (a form field named JWT). */
  returnUrl: string;
  jwt: string;
}

export interface DeepLinkingDeps {
  prisma: PrismaClient;
  platforms: LtiPlatforms;
  keys: Pick<LtiKeys, 'sign'>;
  content: CourseContent;
  progress: Pick<ProgressService, 'maxScore'>;
  now: () => Date;
}

export class DeepLinking {
  constructor(private readonly deps: DeepLinkingDeps) {}

  /** Keeps the platform's request until the instructor chooses; the picker's address. */
  async begin(platform: PlatformRow, claims: DeepLinkingLaunch, user: SignedInUser): Promise<string> {
    const settings = claims[CLAIM.deepLinkingSettings];
    const id = randomUUID();
    await this.deps.prisma.ltiDeepLink.deleteMany({ where: { expiresAt: { lt: this.deps.now() } } });
    await this.deps.prisma.ltiDeepLink.create({
      data: {
        id,
        platformId: platform.id,
        deploymentId: claims[CLAIM.deploymentId],
        userId: user.id,
        returnUrl: settings.deep_link_return_url,
        data: settings.data ?? null,
        expiresAt: new Date(this.deps.now().getTime() + CHOICE_LIFETIME_MS),
      },
    });
    return `/lti/choix/${id}`;
  }

  /** The request is this instructor's and still open: for the picker page. */
  async pending(user: SignedInUser, id: string): Promise<{ platformName: string }> {
    const request = await this.requireOwn(user, id);
    const platform = await this.deps.platforms.get(request.platformId);
    return { platformName: platform?.name ?? 'la plateforme' };
  }

  /** The signed answer for the chosen content; the request is then closed. */
  async choose(user: SignedInUser, id: string, target: ContentTarget, launchUrl: string): Promise<DeepLinkChoice> {
    const request = await this.requireOwn(user, id);
    const platform = await this.deps.platforms.get(request.platformId);
    if (!platform) throw new LtiExpiredError('Ce choix d’activité');
    const item = await findCatalogItem(this.deps.content, target);
    const jwt = await this.deps.keys.sign(
      {
        iss: platform.clientId,
        aud: platform.issuer,
        azp: platform.clientId,
        nonce: randomBytes(16).toString('base64url'),
        [CLAIM.messageType]: 'LtiDeepLinkingResponse',
        [CLAIM.version]: '1.3.0',
        [CLAIM.deploymentId]: request.deploymentId,
        [CLAIM.contentItems]: [await this.resourceLink(item, launchUrl)],
        ...(request.data !== null && { [CLAIM.data]: request.data }),
      },
      600,
    );
    await this.deps.prisma.ltiDeepLink.delete({ where: { id } });
    return { returnUrl: request.returnUrl, jwt };
  }

  private async resourceLink(item: AssignableItem, launchUrl: string) {
    const title = `${KIND_LABEL[item.kind]} — ${item.title}`;
    // Only labs send scores (after each check): a quiz's column would stay empty in the gradebook.
    const maxScore = item.kind === 'lab' ? await this.deps.progress.maxScore('lab', item.slug) : null;
    return {
      type: 'ltiResourceLink',
      title,
      url: launchUrl,
      custom: { [TARGET_PARAMETER]: targetParameter(item) },
      ...(maxScore !== null && maxScore > 0 && { lineItem: { scoreMaximum: maxScore, label: title, resourceId: targetParameter(item), tag: 'dockyard' } }),
    };
  }

  private async requireOwn(user: SignedInUser, id: string) {
    const request = await this.deps.prisma.ltiDeepLink.findUnique({ where: { id } });
    if (!request || request.userId !== user.id) throw new NotFoundError('Ce choix d’activité n’existe pas, ou il ne vous appartient pas.');
    if (request.expiresAt < this.deps.now()) throw new LtiExpiredError('Ce choix d’activité');
    return request;
  }
}

const KIND_LABEL: Record<AssignableItem['kind'], string> = { lab: 'Lab', quiz: 'Quiz', lesson: 'Leçon' };
