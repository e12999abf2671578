-- Labs that last (issue 14): a session may be paused, its machines stopped with their disks
-- kept, and resumed later; at each passed step its machines are snapshotted, and the student
-- (or an instructor) can take them back there.

-- state: running | paused | ended. runningSince: the start, or the last resume (the lifetime
-- counts from it). keepUntil: when a paused lab is deleted unless resumed; keepReason says why
-- that date (retention: the operator's days; quota: the student is over their storage quota).
ALTER TABLE "LabSession" ADD COLUMN "runningSince" TIMESTAMP(3);
ALTER TABLE "LabSession" ADD COLUMN "pausedAt" TIMESTAMP(3);
ALTER TABLE "LabSession" ADD COLUMN "keepUntil" TIMESTAMP(3);
ALTER TABLE "LabSession" ADD COLUMN "keepReason" TEXT;
-- Disk the paused lab's machines hold (their snapshots included), measured at the pause.
ALTER TABLE "LabSession" ADD COLUMN "storageMiB" INTEGER;
CREATE INDEX "LabSession_state_keepUntil_idx" ON "LabSession"("state", "keepUntil");

-- A snapshot of every machine of the session, taken when the step was passed (the last time).
CREATE TABLE "StepSnapshot" (
    "sessionId" TEXT NOT NULL,
    "step" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StepSnapshot_pkey" PRIMARY KEY ("sessionId", "step")
);
ALTER TABLE "StepSnapshot" ADD CONSTRAINT "StepSnapshot_sessionId_fkey"
    FOREIGN KEY ("sessionId") REFERENCES "LabSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Pauses, resumes and restores, for graders beside the attempts. reason: student, lifetime,
-- idle, instructor (a pause or a restore); step: the step restored; actorId: who asked, when
-- not the student (an instructor's account).
CREATE TABLE "SessionEvent" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "step" INTEGER,
    "actorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SessionEvent_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "SessionEvent_kind_check" CHECK ("kind" IN ('paused', 'resumed', 'restored'))
);
CREATE INDEX "SessionEvent_sessionId_createdAt_idx" ON "SessionEvent"("sessionId", "createdAt");
ALTER TABLE "SessionEvent" ADD CONSTRAINT "SessionEvent_sessionId_fkey"
    FOREIGN KEY ("sessionId") REFERENCES "LabSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;
