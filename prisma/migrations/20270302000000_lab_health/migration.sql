-- Santé des labs (issue 16): every lab of every pack tested each night by lab:test, and the
-- history kept, so that a lab broken by a changed image or pack is seen (and its instructors
-- told) before a student meets it. A run, then one result per lab (passed | failed |
-- postponed), gone with its run.
CREATE TABLE "LabHealthRun" (
    "id" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "requestedBy" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "windowEndsAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),
    "passed" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "postponed" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "LabHealthRun_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "LabHealthRun_startedAt_idx" ON "LabHealthRun"("startedAt");

CREATE TABLE "LabHealthResult" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "lab" TEXT NOT NULL,
    "pack" TEXT NOT NULL,
    "packVersion" TEXT,
    "outcome" TEXT NOT NULL,
    "stepIndex" INTEGER,
    "stepTitle" TEXT,
    "problem" TEXT,
    "output" TEXT,
    "durationMs" INTEGER,
    "testedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LabHealthResult_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "LabHealthResult_lab_testedAt_idx" ON "LabHealthResult"("lab", "testedAt");
CREATE INDEX "LabHealthResult_runId_idx" ON "LabHealthResult"("runId");
ALTER TABLE "LabHealthResult" ADD CONSTRAINT "LabHealthResult_runId_fkey"
    FOREIGN KEY ("runId") REFERENCES "LabHealthRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
