-- Content packs (issue 16). Packs admins add on /admin (the operator's come from
-- DOCKYARD_CONTENT), and the version of its pack a session started on: a git pack switches to
-- a new commit under running sessions, which finish on theirs (null: a folder pack or the
-- built-in course, read as they are on disk).
CREATE TABLE "ContentPack" (
    "id" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "addedBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ContentPack_pkey" PRIMARY KEY ("id")
);
ALTER TABLE "LabSession" ADD COLUMN "contentVersion" TEXT;
