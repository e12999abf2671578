-- LTI 1.3 Advantage, Dockyard as the tool (docs/lti.md). Every table refers to users and
-- classes through foreign keys only (no Prisma relation fields): the models of other features
-- stay untouched.

-- A learning platform (Moodle, Canvas…) an admin registered: what Dockyard checks its
-- id_tokens against and where it asks for tokens.
CREATE TABLE "LtiPlatform" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "deploymentIds" TEXT[] NOT NULL,
    "authUrl" TEXT NOT NULL,
    "tokenUrl" TEXT NOT NULL,
    "jwksUrl" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LtiPlatform_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "LtiPlatform_issuer_clientId_key" ON "LtiPlatform"("issuer", "clientId");

-- Dockyard's own signing keys: the newest signs; the JWKS also serves the one before it, so
-- that a platform holding the old one in cache still verifies. The private key is encrypted
-- with a key derived from the server secret.
CREATE TABLE "LtiKey" (
    "kid" TEXT NOT NULL,
    "publicJwk" JSONB NOT NULL,
    "privateJwkSealed" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LtiKey_pkey" PRIMARY KEY ("kid")
);
CREATE INDEX "LtiKey_createdAt_idx" ON "LtiKey"("createdAt");

-- One OIDC login in flight: kept on the server (not in a cookie, which an LMS iframe may not
-- keep), used once.
CREATE TABLE "LtiLaunchState" (
    "state" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "platformId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    CONSTRAINT "LtiLaunchState_pkey" PRIMARY KEY ("state")
);
CREATE UNIQUE INDEX "LtiLaunchState_nonce_key" ON "LtiLaunchState"("nonce");
CREATE INDEX "LtiLaunchState_expiresAt_idx" ON "LtiLaunchState"("expiresAt");
ALTER TABLE "LtiLaunchState" ADD CONSTRAINT "LtiLaunchState_platformId_fkey"
    FOREIGN KEY ("platformId") REFERENCES "LtiPlatform"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The Dockyard account of a platform's user: matched by (platform, sub), never by e-mail.
CREATE TABLE "LtiIdentity" (
    "platformId" TEXT NOT NULL,
    "sub" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    CONSTRAINT "LtiIdentity_pkey" PRIMARY KEY ("platformId", "sub")
);
CREATE INDEX "LtiIdentity_userId_idx" ON "LtiIdentity"("userId");
ALTER TABLE "LtiIdentity" ADD CONSTRAINT "LtiIdentity_platformId_fkey"
    FOREIGN KEY ("platformId") REFERENCES "LtiPlatform"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "LtiIdentity" ADD CONSTRAINT "LtiIdentity_userId_fkey"
    FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- An LMS course and the Dockyard class it became.
CREATE TABLE "LtiContext" (
    "platformId" TEXT NOT NULL,
    "contextId" TEXT NOT NULL,
    "classroomId" TEXT NOT NULL,
    "membershipsUrl" TEXT,
    CONSTRAINT "LtiContext_pkey" PRIMARY KEY ("platformId", "contextId")
);
CREATE UNIQUE INDEX "LtiContext_classroomId_key" ON "LtiContext"("classroomId");
ALTER TABLE "LtiContext" ADD CONSTRAINT "LtiContext_platformId_fkey"
    FOREIGN KEY ("platformId") REFERENCES "LtiPlatform"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "LtiContext" ADD CONSTRAINT "LtiContext_classroomId_fkey"
    FOREIGN KEY ("classroomId") REFERENCES "Classroom"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A one-time pass from a verified launch to a signed-in browser (first-party, possibly in a
-- new window). Only its SHA-256 is kept.
CREATE TABLE "LtiTicket" (
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    CONSTRAINT "LtiTicket_pkey" PRIMARY KEY ("tokenHash")
);
ALTER TABLE "LtiTicket" ADD CONSTRAINT "LtiTicket_userId_fkey"
    FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A deep-linking request waiting for the instructor's choice.
CREATE TABLE "LtiDeepLink" (
    "id" TEXT NOT NULL,
    "platformId" TEXT NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "returnUrl" TEXT NOT NULL,
    "data" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "LtiDeepLink_pkey" PRIMARY KEY ("id")
);
ALTER TABLE "LtiDeepLink" ADD CONSTRAINT "LtiDeepLink_platformId_fkey"
    FOREIGN KEY ("platformId") REFERENCES "LtiPlatform"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "LtiDeepLink" ADD CONSTRAINT "LtiDeepLink_userId_fkey"
    FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Where a student's score on a lab goes: a platform's line item (AGS), learnt at launch.
CREATE TABLE "LtiGradeLink" (
    "id" TEXT NOT NULL,
    "platformId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "sub" TEXT NOT NULL,
    "lab" TEXT NOT NULL,
    "lineItemUrl" TEXT NOT NULL,
    "classroomId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LtiGradeLink_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "LtiGradeLink_platformId_lineItemUrl_userId_key" ON "LtiGradeLink"("platformId", "lineItemUrl", "userId");
CREATE INDEX "LtiGradeLink_userId_lab_idx" ON "LtiGradeLink"("userId", "lab");
ALTER TABLE "LtiGradeLink" ADD CONSTRAINT "LtiGradeLink_platformId_fkey"
    FOREIGN KEY ("platformId") REFERENCES "LtiPlatform"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "LtiGradeLink" ADD CONSTRAINT "LtiGradeLink_userId_fkey"
    FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "LtiGradeLink" ADD CONSTRAINT "LtiGradeLink_classroomId_fkey"
    FOREIGN KEY ("classroomId") REFERENCES "Classroom"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The outbox of scores: one row per grade link holding the latest score to deliver. A new
-- score bumps « version »; the sender marks a row sent only if its version did not change
-- meanwhile, so no score is ever lost and the platform ends with the latest.
CREATE TABLE "LtiScoreOutbox" (
    "gradeLinkId" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "scoreGiven" DOUBLE PRECISION NOT NULL,
    "scoreMaximum" DOUBLE PRECISION NOT NULL,
    "activityProgress" TEXT NOT NULL,
    "gradingProgress" TEXT NOT NULL,
    "comment" TEXT NOT NULL,
    "scoredAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "tries" INTEGER NOT NULL DEFAULT 0,
    "nextTryAt" TIMESTAMP(3) NOT NULL,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    CONSTRAINT "LtiScoreOutbox_pkey" PRIMARY KEY ("gradeLinkId")
);
CREATE INDEX "LtiScoreOutbox_status_nextTryAt_idx" ON "LtiScoreOutbox"("status", "nextTryAt");
ALTER TABLE "LtiScoreOutbox" ADD CONSTRAINT "LtiScoreOutbox_gradeLinkId_fkey"
    FOREIGN KEY ("gradeLinkId") REFERENCES "LtiGradeLink"("id") ON DELETE CASCADE ON UPDATE CASCADE;
