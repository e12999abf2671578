-- Sessions expire: "expiresAt" is when the reaper ends one, pushed back by « Prolonger ».
-- Sessions started before this migration get the default lifetime (60 minutes) from their start.
ALTER TABLE "LabSession" ADD COLUMN "expiresAt" TIMESTAMP(3);
UPDATE "LabSession" SET "expiresAt" = "createdAt" + INTERVAL '60 minutes';
ALTER TABLE "LabSession" ALTER COLUMN "expiresAt" SET NOT NULL;

-- Capacity checks and the reaper look for running sessions by expiry.
CREATE INDEX "LabSession_state_expiresAt_idx" ON "LabSession"("state", "expiresAt");
