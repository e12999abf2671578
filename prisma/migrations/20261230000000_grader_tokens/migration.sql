-- Access tokens of the grader API, one class each. Only a SHA-256 of the token is kept: the
-- instructor sees the token once, when it is made; a leaked database does not leak access.
CREATE TABLE "GraderToken" (
    "id" TEXT NOT NULL,
    "classroomId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    CONSTRAINT "GraderToken_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "GraderToken_tokenHash_key" ON "GraderToken"("tokenHash");
CREATE INDEX "GraderToken_classroomId_idx" ON "GraderToken"("classroomId");
ALTER TABLE "GraderToken" ADD CONSTRAINT "GraderToken_classroomId_fkey"
    FOREIGN KEY ("classroomId") REFERENCES "Classroom"("id") ON DELETE CASCADE ON UPDATE CASCADE;
