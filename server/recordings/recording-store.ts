/** Recording pieces in the database (RecordingChunk): written by the recorder, read to make a .cast, deleted when kept long enough. */
import type { PrismaClient } from '../../generated/prisma/client';
import { orderPieces, type CastPiece } from './asciicast';
import { decodePiece } from './piece-codec';
import type { StoredPiece } from './terminal-recorder';

export class RecordingStore {
  constructor(private readonly prisma: PrismaClient) {}

  async save(piece: StoredPiece): Promise<void> {
    await this.prisma.recordingChunk.create({ data: piece });
  }

  /** The nodes of a session that have a recording, in name order. */
  async recordedNodes(sessionId: string): Promise<string[]> {
    const rows = await this.prisma.recordingChunk.findMany({ where: { sessionId }, distinct: ['node'], select: { node: true }, orderBy: { node: 'asc' } });
    return rows.map((row) => row.node);
  }

  /** Which of these sessions have a recording. */
  async recordedSessions(sessionIds: readonly string[]): Promise<Set<string>> {
    if (sessionIds.length === 0) return new Set();
    const rows = await this.prisma.recordingChunk.findMany({ where: { sessionId: { in: [...sessionIds] } }, distinct: ['sessionId'], select: { sessionId: true } });
    return new Set(rows.map((row) => row.sessionId));
  }

  /** A node's pieces to replay, in order. */
  async pieces(sessionId: string, node: string): Promise<CastPiece[]> {
    const rows = await this.prisma.recordingChunk.findMany({ where: { sessionId, node }, orderBy: [{ startedAt: 'asc' }, { seq: 'asc' }] });
    const kept = orderPieces(rows);
    return Promise.all(kept.map(async (row) => ({ ...row, events: await decodePiece(row.data) })));
  }

  /** Events the recorder had to drop on that node (the database was too slow then). */
  async droppedEvents(sessionId: string, node: string): Promise<number> {
    const { _sum } = await this.prisma.recordingChunk.aggregate({ where: { sessionId, node }, _sum: { dropped: true } });
    return _sum.dropped ?? 0;
  }

  /**
   * Deletes the recordings whose last piece is older than `before` (the session ended long
   * enough ago, or was left paused): whole recordings, never the start of one still going on.
   */
  async deleteOlderThan(before: Date): Promise<number> {
    const stale = await this.prisma.recordingChunk.groupBy({
      by: ['sessionId'],
      _max: { endedAt: true },
      having: { endedAt: { _max: { lt: before } } },
    });
    if (stale.length === 0) return 0;
    const { count } = await this.prisma.recordingChunk.deleteMany({ where: { sessionId: { in: stale.map((row) => row.sessionId) } } });
    return count;
  }
}
