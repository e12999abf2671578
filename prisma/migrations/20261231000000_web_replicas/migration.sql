-- Several web servers (replicas) on one PostgreSQL (issue 11).

-- Each replica says here, every minute, which sessions it serves a student's terminal for: the
-- reaper runs on one replica only, and must not end as idle a session another one serves.
ALTER TABLE "LabSession" ADD COLUMN "terminalSeenAt" TIMESTAMP(3);

-- Rate limits counted in the database, so that every replica counts the same attempts: one
-- fixed window per key (server/http/shared-rate-limiter.ts), forgotten once over.
CREATE TABLE "_dockyard_rate_windows" (
    "key" TEXT PRIMARY KEY,
    "endsAt" TIMESTAMPTZ NOT NULL,
    "count" INTEGER NOT NULL
);
CREATE INDEX "_dockyard_rate_windows_endsAt_idx" ON "_dockyard_rate_windows"("endsAt");

-- socket.io's PostgreSQL adapter: events bigger than NOTIFY allows (8000 bytes) travel
-- through this table (its name and shape are the adapter's).
CREATE TABLE "socket_io_attachments" (
    "id" BIGSERIAL UNIQUE,
    "created_at" TIMESTAMPTZ DEFAULT NOW(),
    "payload" BYTEA
);
