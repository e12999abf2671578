import { describe, expect, it } from 'vitest';
import { formatWait, RateLimiter } from '@/server/http/rate-limiter';
import { toEnvelope } from '@/server/errors';

function limiter(max: number, windowMs: number) {
  let now = 1_000_000;
  const limits = new RateLimiter({ max, windowMs }, (seconds) => `Attendez ${formatWait(seconds)}.`, () => now);
  const attempt = (key: string) => {
    try {
      limits.take(key);
      return 'ok';
    } catch (error) {
      const { status, body } = toEnvelope(error);
      return `${status} ${body.message}`;
    }
  };
  return { attempt, advance: (ms: number) => (now += ms) };
}

describe('a rate limit', () => {
  it('allows `max` attempts per window and key, then says how long to wait', () => {
    const { attempt, advance } = limiter(2, 60_000);
    expect([attempt('alice'), attempt('alice'), attempt('bob')]).toEqual(['ok', 'ok', 'ok']);
    advance(15_000);
    expect(attempt('alice')).toBe('429 Attendez 45 secondes.');
    advance(45_000);
    expect(attempt('alice')).toBe('ok');
  });

  it('words the wait as a person would', () => {
    expect([formatWait(1), formatWait(59), formatWait(60), formatWait(61), formatWait(3600)]).toEqual([
      '1 seconde',
      '59 secondes',
      '1 minute',
      '2 minutes',
      '60 minutes',
    ]);
  });
});
