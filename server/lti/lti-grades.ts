/**
 * A student's lab score, for the platform's gradebook: after each check and when a session
 * ends, their progress on the lab (server/progress: the same rules as Dockyard's own results)
 * becomes the outbox's latest score for each line item the lab was launched from. The comment
 * says what was passed and where the evidence is (the class's results page).
 */
import type { PrismaClient } from '../../generated/prisma/client';
import type { SignedInUser } from '../auth/caller';
import type { ProgressService } from '../progress/progress-service';
import type { LabProgressView } from '../progress/progress-views';
import { requireManagedClass } from '../classes/managed-class';
import { describeFailure } from './lti-errors';
import type { Score, ScoreOutbox } from './score-outbox';

export interface GradeLinkInput {
  platformId: string;
  userId: string;
  sub: string;
  lab: string;
  lineItemUrl: string;
  classroomId: string | null;
}

export interface ScoreStatusView {
  student: string;
  lab: string;
  scoreGiven: number;
  scoreMaximum: number;
  status: 'pending' | 'sent';
  tries: number;
  lastError: string | null;
  nextTryAt: string;
  sentAt: string | null;
}

export interface LtiGradesDeps {
  prisma: PrismaClient;
  progress: Pick<ProgressService, 'labProgressOf'>;
  outbox: Pick<ScoreOutbox, 'put' | 'kick'>;
  /** Dockyard's address, for the evidence link of the comment. */
  origin: () => string;
  now: () => Date;
  log: (message: string) => void;
}

export class LtiGrades {
  constructor(private readonly deps: LtiGradesDeps) {}

  /** Remembers where this student's score on this lab goes, and sends what they already did. */
  async link(input: GradeLinkInput): Promise<void> {
    const key = { platformId_lineItemUrl_userId: { platformId: input.platformId, lineItemUrl: input.lineItemUrl, userId: input.userId } };
    const link = await this.deps.prisma.ltiGradeLink.upsert({ where: key, create: input, update: { sub: input.sub, lab: input.lab, classroomId: input.classroomId } });
    const progress = (await this.deps.progress.labProgressOf([input.userId], input.lab)).get(input.userId);
    if (progress && progress.status !== 'not-started') {
      await this.deps.outbox.put(link.id, this.scoreOf(progress, false, link.classroomId));
      void this.deps.outbox.kick();
    }
  }

  /** The hook of the session service (a check recorded, a session ended): never throws, it logs. */
  gradeChanged = (sessionId: string): void => {
    this.recompute(sessionId).catch((error: unknown) => this.deps.log(`LTI : note de la session ${sessionId} non calculée : ${describeFailure(error)}`));
  };

  async recompute(sessionId: string): Promise<void> {
    const session = await this.deps.prisma.labSession.findUnique({ where: { id: sessionId }, select: { userId: true, lab: true, state: true } });
    if (!session?.userId) return;
    const links = await this.deps.prisma.ltiGradeLink.findMany({ where: { userId: session.userId, lab: session.lab } });
    if (links.length === 0) return;
    const progress = (await this.deps.progress.labProgressOf([session.userId], session.lab)).get(session.userId);
    if (!progress) return;
    for (const link of links) await this.deps.outbox.put(link.id, this.scoreOf(progress, session.state === 'ended', link.classroomId));
    await this.deps.outbox.kick();
  }

  /** Where each score of the class stands, for its instructor (or an admin). */
  async classStatus(actor: SignedInUser, classroomId: string): Promise<ScoreStatusView[]> {
    await requireManagedClass(this.deps.prisma, actor, classroomId);
    const links = await this.deps.prisma.ltiGradeLink.findMany({ where: { classroomId }, orderBy: { createdAt: 'asc' } });
    const [rows, users] = await Promise.all([
      this.deps.prisma.ltiScoreOutbox.findMany({ where: { gradeLinkId: { in: links.map((link) => link.id) } } }),
      this.deps.prisma.user.findMany({ where: { id: { in: links.map((link) => link.userId) } }, select: { id: true, name: true } }),
    ]);
    return links.flatMap((link) => {
      const row = rows.find((candidate) => candidate.gradeLinkId === link.id);
      if (!row) return [];
      return [
        {
          student: users.find((user) => user.id === link.userId)?.name ?? '—',
          lab: link.lab,
          scoreGiven: row.scoreGiven,
          scoreMaximum: row.scoreMaximum,
          status: row.status === 'sent' ? 'sent' : 'pending',
          tries: row.tries,
          lastError: row.lastError,
          nextTryAt: row.nextTryAt.toISOString(),
          sentAt: row.sentAt?.toISOString() ?? null,
        },
      ];
    });
  }

  private scoreOf(progress: LabProgressView, ended: boolean, classroomId: string | null): Score {
    const graded = progress.steps.filter((step) => step.graded).length;
    const done = progress.status === 'done';
    const evidence = classroomId ? `${this.deps.origin()}/classes/${classroomId}/resultats` : `${this.deps.origin()}/labs/${progress.lab}`;
    return {
      scoreGiven: progress.score,
      scoreMaximum: progress.maxScore,
      activityProgress: done ? 'Completed' : ended ? 'Submitted' : 'InProgress',
      // Checks are graded by Dockyard as they happen: each score is final for what was done.
      gradingProgress: 'FullyGraded',
      comment: `Dockyard : ${progress.stepsPassed} étape(s) réussie(s) sur ${graded}, ${progress.score}/${progress.maxScore} points. Détail des vérifications : ${evidence}`,
      scoredAt: this.deps.now(),
    };
  }
}
