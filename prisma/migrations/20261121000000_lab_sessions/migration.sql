-- Lab sessions, their sandbox nodes, and check attempts (walking skeleton).
CREATE TABLE "LabSession" (
    "id" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "lab" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'running',
    "endReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastActiveAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),
    CONSTRAINT "LabSession_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "LabSession_ownerId_lab_state_idx" ON "LabSession"("ownerId", "lab", "state");

CREATE TABLE "SandboxNode" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sandboxId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SandboxNode_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "SandboxNode_sandboxId_key" ON "SandboxNode"("sandboxId");
CREATE UNIQUE INDEX "SandboxNode_sessionId_name_key" ON "SandboxNode"("sessionId", "name");
ALTER TABLE "SandboxNode" ADD CONSTRAINT "SandboxNode_sessionId_fkey"
    FOREIGN KEY ("sessionId") REFERENCES "LabSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "CheckAttempt" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "step" INTEGER NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "exitCode" INTEGER NOT NULL,
    "output" TEXT NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CheckAttempt_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "CheckAttempt_sessionId_step_idx" ON "CheckAttempt"("sessionId", "step");
ALTER TABLE "CheckAttempt" ADD CONSTRAINT "CheckAttempt_sessionId_fkey"
    FOREIGN KEY ("sessionId") REFERENCES "LabSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;
