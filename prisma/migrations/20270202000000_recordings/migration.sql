-- Terminal recordings (issue 15): every lab terminal is recorded as asciicast v2 events (output,
-- input, resize), gzip-compressed, in pieces written every few seconds by the server holding
-- the terminal. The .cast is assembled from the pieces in time order. They go with their
-- session (ON DELETE CASCADE) or DOCKYARD_RECORDING_DAYS after the last piece was written.
CREATE TABLE "RecordingChunk" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "node" TEXT NOT NULL,
    "writer" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3) NOT NULL,
    "eventCount" INTEGER NOT NULL,
    "dropped" INTEGER NOT NULL DEFAULT 0,
    "data" BYTEA NOT NULL,
    CONSTRAINT "RecordingChunk_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "RecordingChunk_sessionId_node_startedAt_idx" ON "RecordingChunk"("sessionId", "node", "startedAt");
CREATE INDEX "RecordingChunk_endedAt_idx" ON "RecordingChunk"("endedAt");
ALTER TABLE "RecordingChunk" ADD CONSTRAINT "RecordingChunk_sessionId_fkey"
    FOREIGN KEY ("sessionId") REFERENCES "LabSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;
