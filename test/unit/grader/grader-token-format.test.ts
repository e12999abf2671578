import { describe, expect, it } from 'vitest';
import { bearerToken, generateGraderToken, hashGraderToken, isGraderToken } from '@/server/grader/grader-token-format';

describe('grader tokens', () => {
  it('are new each time, recognisable, and hashed to a fixed-length hex digest', () => {
    const first = generateGraderToken();
    const second = generateGraderToken();
    expect(first).not.toBe(second);
    expect(isGraderToken(first)).toBe(true);
    expect(hashGraderToken(first)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashGraderToken(first)).not.toBe(hashGraderToken(second));
  });

  it('are read from a Bearer header only when they have our shape', () => {
    const token = generateGraderToken();
    expect(bearerToken(`Bearer ${token}`)).toBe(token);
    expect(bearerToken(`bearer   ${token} `)).toBe(token);
    expect(bearerToken(null)).toBeNull();
    expect(bearerToken(token)).toBeNull();
    expect(bearerToken(`Basic ${token}`)).toBeNull();
    expect(bearerToken('Bearer dkg_court')).toBeNull();
    expect(bearerToken(`Bearer ${token} ${token}`)).toBeNull();
  });
});
