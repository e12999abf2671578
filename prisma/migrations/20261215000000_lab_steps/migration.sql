-- A lab's time limit caps the lifetime of its sessions; it is fixed when a session starts.
-- Sessions from before have none (null): the usual maximum applies to them.
ALTER TABLE "LabSession" ADD COLUMN "timeLimitMinutes" INTEGER;

-- What a student did on a step besides checking it: opened it (its background script ran,
-- its foreground script was typed), showed a hint, revealed the solution. Once per session each.
CREATE TABLE "StepEvent" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "step" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "hint" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StepEvent_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "StepEvent_kind_check" CHECK ("kind" IN ('started', 'hint', 'solution'))
);
CREATE UNIQUE INDEX "StepEvent_sessionId_step_kind_hint_key" ON "StepEvent"("sessionId", "step", "kind", "hint");
ALTER TABLE "StepEvent" ADD CONSTRAINT "StepEvent_sessionId_fkey"
    FOREIGN KEY ("sessionId") REFERENCES "LabSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;
