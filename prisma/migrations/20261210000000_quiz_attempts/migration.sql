-- Quiz attempts: each « Valider mes réponses » on a lesson's quiz, with the answers and score.
CREATE TABLE "QuizAttempt" (
    "id" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "quiz" TEXT NOT NULL,
    "answers" JSONB NOT NULL,
    "score" INTEGER NOT NULL,
    "maxScore" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "QuizAttempt_pkey" PRIMARY KEY ("id")
);
-- « Votre dernier score »: the owner's latest attempt at one quiz.
CREATE INDEX "QuizAttempt_ownerId_quiz_createdAt_idx" ON "QuizAttempt"("ownerId", "quiz", "createdAt");
