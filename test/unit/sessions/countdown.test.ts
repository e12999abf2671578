import { describe, expect, it } from 'vitest';
import { formatRemaining } from '@/app/labs/[slug]/_lib/countdown';

const s = 1000;
const min = 60 * s;

describe('the lab page’s countdown', () => {
  it('shows whole minutes, rounded up, and hours past the hour', () => {
    expect(formatRemaining(60 * min)).toBe('1 h');
    expect(formatRemaining(60 * min - 1)).toBe('1 h');
    expect(formatRemaining(59 * min)).toBe('59 min');
    expect(formatRemaining(41 * min + 10 * s)).toBe('42 min');
    expect(formatRemaining(90 * min)).toBe('1 h 30 min');
    expect(formatRemaining(120 * min)).toBe('2 h');
  });

  it('counts seconds in the last five minutes', () => {
    expect(formatRemaining(5 * min)).toBe('5 min 00 s');
    expect(formatRemaining(4 * min + 5 * s)).toBe('4 min 05 s');
    expect(formatRemaining(42 * s)).toBe('42 s');
    expect(formatRemaining(1)).toBe('1 s');
  });

  it('never shows a negative time', () => {
    expect(formatRemaining(0)).toBe('0 min');
    expect(formatRemaining(-3 * min)).toBe('0 min');
  });
});
