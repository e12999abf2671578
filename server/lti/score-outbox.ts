/**
 * Scores on their way to platforms (AGS). Each grade link has one outbox row holding its
 * latest score; writing a new score bumps the row's version and makes it due now. The sender
 * posts due rows and marks one sent only if its version is still the one it posted: a score
 * written meanwhile stays due. A failure is retried later, each time twice as late (30 s up to
 * an hour), forever: a platform that comes back gets the latest score; none is dropped.
 */
import type { PrismaClient } from '../../generated/prisma/client';
import { SCOPE } from './lti-claims';
import { describeFailure, LtiPlatformCallError } from './lti-errors';
import { CALL_TIMEOUT_MS, type PlatformTokens } from './platform-tokens';

export interface Score {
  scoreGiven: number;
  scoreMaximum: number;
  /** Initialized | Started | InProgress | Submitted | Completed */
  activityProgress: string;
  /** FullyGraded | Pending | PendingManual | Failed | NotReady */
  gradingProgress: string;
  comment: string;
  scoredAt: Date;
}

const FIRST_RETRY_MS = 30_000;
const LAST_RETRY_MS = 60 * 60_000;
const BATCH = 20;
const SCORE_SCOPES = [SCOPE.score];

export function retryDelayMs(tries: number): number {
  return Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, tries - 1));
}

export class ScoreOutbox {
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly deps: {
      prisma: PrismaClient;
      tokens: PlatformTokens;
      now: () => Date;
      log: (message: string) => void;
      /** Told of every post to a platform (server/metrics counts them). */
      onPosted?: (outcome: 'sent' | 'failed') => void;
    },
  ) {}

  /** The grade link's latest score, due now. */
  async put(gradeLinkId: string, score: Score): Promise<void> {
    const now = this.deps.now();
    const fields = { ...score, status: 'pending', tries: 0, nextTryAt: now, lastError: null };
    await this.deps.prisma.ltiScoreOutbox.upsert({
      where: { gradeLinkId },
      create: { gradeLinkId, ...fields },
      update: { ...fields, version: { increment: 1 } },
    });
  }

  /** Sends what is due soon (after a check) without waiting for the next round. */
  kick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.deliverDue().catch((error: unknown) => this.deps.log(`LTI : envoi des notes interrompu : ${(error as Error).message}`));
      } while (this.again);
    })().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Rounds every intervalMs on the server holding the lease (retries after a restart too). */
  start(intervalMs: number): void {
    this.stop();
    this.timer = setInterval(() => void this.kick(), intervalMs);
    this.timer.unref();
    void this.kick();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  async deliverDue(): Promise<void> {
    const due = await this.deps.prisma.ltiScoreOutbox.findMany({
      where: { status: 'pending', nextTryAt: { lte: this.deps.now() } },
      orderBy: { nextTryAt: 'asc' },
      take: BATCH,
    });
    for (const row of due) {
      const link = await this.deps.prisma.ltiGradeLink.findUnique({ where: { id: row.gradeLinkId } });
      const platform = link && (await this.deps.prisma.ltiPlatform.findUnique({ where: { id: link.platformId } }));
      if (!link || !platform) continue;
      const same = { gradeLinkId: row.gradeLinkId, version: row.version };
      try {
        await this.post(platform, link, row);
        this.deps.onPosted?.('sent');
        await this.deps.prisma.ltiScoreOutbox.updateMany({ where: same, data: { status: 'sent', sentAt: this.deps.now(), lastError: null } });
      } catch (error) {
        this.deps.onPosted?.('failed');
        const tries = row.tries + 1;
        // The platform's answer is what the instructor needs to read on the class page.
        const message = error instanceof LtiPlatformCallError && error.detail ? error.detail : describeFailure(error);
        this.deps.log(`LTI : note non transmise à « ${platform.name} » (essai ${tries}) : ${message}`);
        await this.deps.prisma.ltiScoreOutbox.updateMany({
          where: same,
          data: { tries, lastError: message.slice(0, 500), nextTryAt: new Date(this.deps.now().getTime() + retryDelayMs(tries)) },
        });
      }
    }
    if (due.length === BATCH) this.again = true;
  }

  private async post(
    platform: { id: string; clientId: string; tokenUrl: string },
    link: { sub: string; lineItemUrl: string },
    score: Score,
  ): Promise<void> {
    const token = await this.deps.tokens.token(platform, SCORE_SCOPES);
    const response = await fetch(scoresUrl(link.lineItemUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/vnd.ims.lis.v1.score+json' },
      body: JSON.stringify({
        userId: link.sub,
        scoreGiven: score.scoreGiven,
        scoreMaximum: score.scoreMaximum,
        activityProgress: score.activityProgress,
        gradingProgress: score.gradingProgress,
        comment: score.comment,
        timestamp: score.scoredAt.toISOString(),
      }),
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
    if (response.status === 401) this.deps.tokens.forget(platform, SCORE_SCOPES);
    if (!response.ok) {
      throw new LtiPlatformCallError('la note', `POST ${scoresUrl(link.lineItemUrl)} : ${response.status} ${(await response.text().catch(() => '')).slice(0, 300)}`);
    }
  }
}

/** A line item's scores endpoint: « /scores » after its path, before its query. */
export function scoresUrl(lineItemUrl: string): string {
  const url = new URL(lineItemUrl);
  url.pathname = `${url.pathname.replace(/\/$/, '')}/scores`;
  return url.href;
}
