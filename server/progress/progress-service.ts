/**
 * Loads what students did (lab sessions with their check attempts and step events, quiz
 * attempts) and turns it into progress with lab-progress.ts and quiz-progress.ts. It does
 * not decide who may see whose progress: its callers (the student's own pages, the class
 * dashboard, the grader API) check that first.
 */
import type { PrismaClient } from '../../generated/prisma/client';
import { ContentError } from '../content/content-errors';
import type { Course } from '../content/course';
import type { Lab } from '../content/lab';
import type { Quiz } from '../content/quiz';
import { quizAttemptView } from './attempt-views';
import { DEFAULT_HISTORY_PAGE, labHistoryPage, type HistoryQuery } from './lab-history';
import { computeLabProgress, sessionDurationMs, type LabProgress, type StepSpec } from './lab-progress';
import type { ChapterProgressView, LabEvidenceView, LabProgressView, QuizEvidenceView, QuizProgressView } from './progress-views';
import { computeQuizProgress, type QuizProgress } from './quiz-progress';

export interface ProgressServiceDeps {
  prisma: PrismaClient;
  findLab: (slug: string) => Promise<Lab | null>;
  findQuiz: (slug: string) => Promise<Quiz | null>;
  loadCourse: () => Promise<Course>;
}

/** Sessions a lab's evidence lists, the latest ones: each start is rate-limited, but they add up over a term. */
export const MAX_SESSIONS_LISTED = 50;

const SESSION_RECORDS = {
  userId: true,
  createdAt: true,
  lastActiveAt: true,
  endedAt: true,
  attempts: { select: { step: true, passed: true, createdAt: true } },
  stepEvents: { select: { step: true, kind: true, hint: true } },
} as const;

/** A lab that cannot load (its page says « lab indisponible ») gets no badge; the outline's others keep theirs. */
function withoutBrokenLab(error: unknown): null {
  if (error instanceof ContentError) return null;
  throw error;
}

export class ProgressService {
  constructor(private readonly deps: ProgressServiceDeps) {}

  private get prisma() {
    return this.deps.prisma;
  }

  /** The course outline's badges: each chapter's lab and quiz progress for this student (two queries for the whole course). */
  async courseProgress(userId: string): Promise<ChapterProgressView[]> {
    const course = await this.deps.loadCourse();
    const [sessions, quizAttempts] = await Promise.all([
      this.prisma.labSession.findMany({ where: { userId }, select: { ...SESSION_RECORDS, lab: true } }),
      this.prisma.quizAttempt.findMany({ where: { userId }, select: { quiz: true, score: true, maxScore: true, createdAt: true } }),
    ]);
    return Promise.all(
      course.chapters.map(async (chapter) => {
        const lab = chapter.lab ? await this.deps.findLab(chapter.lab).catch(withoutBrokenLab) : null;
        const quiz = chapter.lesson ? computeQuizProgress(quizAttempts.filter((attempt) => attempt.quiz === chapter.lesson)) : null;
        return {
          chapter: chapter.slug,
          lab: lab && toLabProgressView(lab.slug, progressFrom(lab, sessions.filter((session) => session.lab === lab.slug))),
          quiz: quiz && chapter.lesson ? toQuizProgressView(chapter.lesson, quiz) : null,
        };
      }),
    );
  }

  /** The most one can score on a lab (its graded steps' points) or a quiz (one point a question); null once it left the course. */
  async maxScore(kind: 'lab' | 'quiz', slug: string): Promise<number | null> {
    if (kind === 'quiz') return (await this.deps.findQuiz(slug))?.questions.length ?? null;
    const lab = await this.deps.findLab(slug);
    return lab && computeLabProgress(stepSpecs(lab), { attempts: [], events: [], sessions: [] }).maxScore;
  }

  /** Each student's progress on a lab; a lab that left the course has none (empty map). */
  async labProgressOf(userIds: string[], slug: string): Promise<Map<string, LabProgressView>> {
    const lab = await this.deps.findLab(slug);
    const result = new Map<string, LabProgressView>();
    if (!lab) return result;
    const sessions = await this.prisma.labSession.findMany({ where: { userId: { in: userIds }, lab: slug }, select: SESSION_RECORDS });
    for (const userId of userIds) {
      result.set(userId, toLabProgressView(slug, progressFrom(lab, sessions.filter((session) => session.userId === userId))));
    }
    return result;
  }

  /** Each student's best result at a quiz; students who never answered it are absent. */
  async quizProgressOf(userIds: string[], slug: string): Promise<Map<string, QuizProgressView>> {
    const attempts = await this.prisma.quizAttempt.findMany({
      where: { userId: { in: userIds }, quiz: slug },
      select: { userId: true, score: true, maxScore: true, createdAt: true },
    });
    const result = new Map<string, QuizProgressView>();
    for (const userId of userIds) {
      const progress = computeQuizProgress(attempts.filter((attempt) => attempt.userId === userId));
      if (progress) result.set(userId, toQuizProgressView(slug, progress));
    }
    return result;
  }

  /**
   * One student's record on one lab: progress, their latest sessions, and one page of their
   * history (every attempt with its output, pages opened, hints and solutions; lab-history.ts).
   */
  async labEvidence(userId: string, slug: string, page: HistoryQuery = { limit: DEFAULT_HISTORY_PAGE }): Promise<LabEvidenceView | null> {
    const progress = (await this.labProgressOf([userId], slug)).get(userId);
    if (!progress) return null;
    const where = { userId, lab: slug };
    const [latest, sessionCount, history] = await Promise.all([
      this.prisma.labSession.findMany({ where, orderBy: { createdAt: 'desc' }, take: MAX_SESSIONS_LISTED }),
      this.prisma.labSession.count({ where }),
      labHistoryPage(this.prisma, userId, slug, page),
    ]);
    return {
      progress,
      sessions: latest.reverse().map((session) => ({
        id: session.id,
        startedAt: session.createdAt.toISOString(),
        endedAt: session.endedAt?.toISOString() ?? null,
        endReason: session.endReason,
        durationMs: sessionDurationMs(session),
        running: session.state === 'running',
      })),
      sessionCount,
      ...history,
    };
  }

  /** One student's answers to one quiz, every attempt. */
  async quizEvidence(userId: string, slug: string): Promise<QuizEvidenceView> {
    const [attempts, quiz] = await Promise.all([
      this.prisma.quizAttempt.findMany({ where: { userId, quiz: slug }, orderBy: { createdAt: 'asc' } }),
      this.deps.findQuiz(slug),
    ]);
    const progress = computeQuizProgress(attempts);
    return {
      questions: (quiz?.questions ?? []).map((question) => ({
        id: question.id,
        promptHtml: question.promptHtml,
        choices: question.choices.map((choice) => ({ id: choice.id, html: choice.html, correct: question.answer.includes(choice.id) })),
      })),
      progress: progress && toQuizProgressView(slug, progress),
      attempts: attempts.map(quizAttemptView),
    };
  }
}

type SessionRecords = {
  createdAt: Date;
  lastActiveAt: Date;
  endedAt: Date | null;
  attempts: Array<{ step: number; passed: boolean; createdAt: Date }>;
  stepEvents: Array<{ step: number; kind: string; hint: number }>;
};

/** One student's progress on a lab from their sessions of it. */
function progressFrom(lab: Lab, sessions: SessionRecords[]): LabProgress {
  return computeLabProgress(stepSpecs(lab), {
    sessions,
    attempts: sessions.flatMap((session) => session.attempts),
    events: sessions.flatMap((session) => session.stepEvents),
  });
}

function stepSpecs(lab: Lab): StepSpec[] {
  return lab.steps.map((step) => ({ title: step.title, points: step.points, graded: step.verifyScript !== null }));
}

function toLabProgressView(lab: string, progress: LabProgress): LabProgressView {
  return {
    lab,
    ...progress,
    completedAt: progress.completedAt?.toISOString() ?? null,
    steps: progress.steps.map((step) => ({ ...step, passedAt: step.passedAt?.toISOString() ?? null })),
  };
}

function toQuizProgressView(quiz: string, progress: QuizProgress): QuizProgressView {
  return { quiz, ...progress, firstAt: progress.firstAt.toISOString(), bestAt: progress.bestAt.toISOString() };
}
