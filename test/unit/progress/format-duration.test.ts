import { describe, expect, it } from 'vitest';
import { formatDuration } from '@/app/classes/[id]/resultats/_lib/format-duration';

describe('formatDuration', () => {
  it('says minutes, then hours and minutes, and never « 0 min »', () => {
    expect(formatDuration(20_000)).toBe('moins d’une minute');
    expect(formatDuration(12 * 60_000 + 59_000)).toBe('12 min');
    expect(formatDuration(65 * 60_000)).toBe('1 h 05 min');
  });
});
