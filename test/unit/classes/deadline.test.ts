import { describe, expect, it } from 'vitest';
import { deadlineState, localInputToIso } from '@/app/classes/_lib/deadline';

const now = new Date('2027-03-10T12:00:00Z');

describe('a deadline', () => {
  it('is later, soon (within 48 hours) or past', () => {
    expect(deadlineState(null, now)).toBe('none');
    expect(deadlineState('2027-03-20T12:00:00Z', now)).toBe('later');
    expect(deadlineState('2027-03-12T11:00:00Z', now)).toBe('soon');
    expect(deadlineState('2027-03-10T11:59:00Z', now)).toBe('past');
  });

  it('goes from the date picker to the server as an instant; empty means none', () => {
    expect(localInputToIso('')).toBeNull();
    expect(localInputToIso('pas une date')).toBeNull();
    expect(localInputToIso('2027-03-12T18:00')).toBe(new Date(2027, 2, 12, 18, 0).toISOString());
  });
});
