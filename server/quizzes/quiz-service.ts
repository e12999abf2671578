/**
 * Lesson quizzes: checks a student's answers on the server (the browser never holds the
 * correct ones), records every attempt, and finds the student's last score again.
 */
import type { PrismaClient } from '../../generated/prisma/client';
import type { Quiz } from '../content/quiz';
import { NotFoundError } from '../errors';
import { scoreQuiz } from './score-quiz';
import type { QuizAnswers, QuizResultView, QuizScoreView } from './quiz-view';

export interface QuizServiceDeps {
  prisma: PrismaClient;
  /** Resolves a quiz by slug, or null when there is none (server/content provides it). */
  findQuiz: (slug: string) => Promise<Quiz | null>;
  now?: () => Date;
}

export class QuizService {
  constructor(private readonly deps: QuizServiceDeps) {}

  /**
   * « Valider mes réponses »: the per-question verdicts, explanations and score, recorded.
   * `userId` names the account when the owner is one, null for a visitor's browser.
   */
  async submit(ownerId: string, slug: string, submitted: QuizAnswers, userId: string | null = null): Promise<QuizResultView> {
    const quiz = await this.requireQuiz(slug);
    const { score, maxScore, answers, questions } = scoreQuiz(quiz, submitted);
    const attempt = await this.deps.prisma.quizAttempt.create({
      data: { ownerId, userId, quiz: slug, answers, score, maxScore, createdAt: this.deps.now?.() ?? new Date() },
    });
    return { score, maxScore, createdAt: attempt.createdAt.toISOString(), questions };
  }

  /** The owner's latest score at this quiz, or null if they never submitted it. */
  async lastScore(ownerId: string, slug: string): Promise<QuizScoreView | null> {
    await this.requireQuiz(slug);
    const attempt = await this.deps.prisma.quizAttempt.findFirst({
      where: { ownerId, quiz: slug },
      orderBy: { createdAt: 'desc' },
      select: { score: true, maxScore: true, createdAt: true },
    });
    return attempt && { ...attempt, createdAt: attempt.createdAt.toISOString() };
  }

  private async requireQuiz(slug: string): Promise<Quiz> {
    const quiz = await this.deps.findQuiz(slug);
    if (!quiz) throw new NotFoundError("Cette leçon n'a pas de quiz.");
    return quiz;
  }
}
