import { describe, expect, it } from 'vitest';
import { historyCursor, type HistoryPosition } from '@/server/progress/lab-history';

const at = (iso: string, kind: HistoryPosition['kind'], id: string): HistoryPosition => ({ at: new Date(iso), kind, id });

describe('the history cursor of a lab’s evidence', () => {
  it('gives back the position it was made from, and refuses any other value', () => {
    const position = at('2026-11-22T10:00:00.123Z', 'event', '0b7c1f2e-0000-4000-8000-000000000001');
    expect(historyCursor.decode(historyCursor.encode(position))).toEqual(position);
    // A cursor of the grader API's bulk read names another kind: not one of these.
    expect(historyCursor.decode(Buffer.from('[1,"lab","x"]').toString('base64url'))).toBeNull();
    expect(historyCursor.decode('pas-un-curseur')).toBeNull();
  });

  it('orders by time, then checks before events, then by id', () => {
    const check = at('2026-11-22T10:00:00.000Z', 'check', 'b');
    expect(historyCursor.isBefore(check, at('2026-11-22T10:00:00.000Z', 'event', 'a'))).toBe(true);
    expect(historyCursor.isBefore(at('2026-11-22T10:00:00.000Z', 'check', 'a'), check)).toBe(true);
    expect(historyCursor.isBefore(check, check)).toBe(false);
  });

  it('asks each table for the rows after the cursor, rows of the same millisecond included where they sort later', () => {
    const time = new Date('2026-11-22T10:00:00.000Z');
    const check = at(time.toISOString(), 'check', 'b');
    expect(historyCursor.after('check', check)).toEqual({ OR: [{ createdAt: { gt: time } }, { createdAt: time, id: { gt: 'b' } }] });
    expect(historyCursor.after('event', check)).toEqual({ createdAt: { gte: time } });
    expect(historyCursor.after('check', at(time.toISOString(), 'event', 'a'))).toEqual({ createdAt: { gt: time } });
  });
});
