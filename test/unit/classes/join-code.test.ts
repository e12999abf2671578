import { describe, expect, it } from 'vitest';
import { formatJoinCode, generateJoinCode, isJoinCode, JOIN_CODE_ALPHABET, normalizeJoinCode } from '@/server/classes/join-code';

describe('a join code', () => {
  it('has 8 characters without look-alikes (0/O, 1/I/L)', () => {
    for (let i = 0; i < 200; i += 1) {
      const code = generateJoinCode();
      expect(isJoinCode(code)).toBe(true);
      expect(code).not.toMatch(/[01OIL]/);
    }
    expect(JOIN_CODE_ALPHABET).toHaveLength(31);
  });

  it('reads the same however it is typed', () => {
    expect(normalizeJoinCode(' abcd - efgh ')).toBe('ABCDEFGH');
    expect(formatJoinCode('ABCDEFGH')).toBe('ABCD-EFGH');
    expect(isJoinCode(normalizeJoinCode(formatJoinCode('K7QXM3PD').toLowerCase()))).toBe(true);
  });

  it('refuses what cannot be a code', () => {
    expect(isJoinCode('ABCDEFG')).toBe(false);
    expect(isJoinCode('ABCDEFG0')).toBe(false);
  });
});
