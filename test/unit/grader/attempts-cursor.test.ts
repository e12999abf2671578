import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, isBefore, type AttemptPosition } from '@/server/grader/attempts-cursor';

const at = (iso: string, kind: AttemptPosition['kind'], id: string): AttemptPosition => ({ at: new Date(iso), kind, id });

describe('the attempts cursor', () => {
  it('gives back the position it was made from', () => {
    const position = at('2026-11-22T10:00:00.123Z', 'quiz', '0b7c1f2e-0000-4000-8000-000000000001');
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(position);
  });

  it('is refused when it is not one Dockyard made', () => {
    for (const forged of ['', 'pas-un-curseur', Buffer.from('[1,"exam","x"]').toString('base64url'), Buffer.from('{"at":1}').toString('base64url')]) {
      expect(decodeCursor(forged)).toBeNull();
    }
  });

  it('orders attempts by time, then labs before quizzes, then by id', () => {
    const lab = at('2026-11-22T10:00:00.000Z', 'lab', 'b');
    expect(isBefore(at('2026-11-22T09:59:59.999Z', 'quiz', 'z'), lab)).toBe(true);
    expect(isBefore(lab, at('2026-11-22T10:00:00.000Z', 'quiz', 'a'))).toBe(true);
    expect(isBefore(at('2026-11-22T10:00:00.000Z', 'lab', 'a'), lab)).toBe(true);
    expect(isBefore(lab, lab)).toBe(false);
  });
});
