import { describe, expect, it } from 'vitest';
import { OwnerTokens, readCookie } from '@/server/auth/owner-token';

describe('owner tokens (who owns a session before accounts exist)', () => {
  const tokens = new OwnerTokens('a'.repeat(32));

  it('accepts a token it issued and returns the owner id', () => {
    expect(tokens.verify(tokens.issue('owner-1'))).toBe('owner-1');
  });

  it('rejects a token whose owner id was changed', () => {
    const [, signature] = tokens.issue('owner-1').split('.');
    expect(tokens.verify(`owner-2.${signature}`)).toBeNull();
  });

  it('rejects tokens signed with another secret, and garbage', () => {
    const other = new OwnerTokens('b'.repeat(32));
    expect(tokens.verify(other.issue('owner-1'))).toBeNull();
    for (const bad of [undefined, '', 'no-dot', '.sig', 'x.']) expect(tokens.verify(bad)).toBeNull();
  });

  it('reads the owner from a Cookie header among other cookies', () => {
    const header = `theme=dark; dockyard_owner=${tokens.issue('owner-9')}; lang=fr`;
    expect(tokens.fromCookieHeader(header)).toBe('owner-9');
    expect(readCookie(header, 'lang')).toBe('fr');
  });

  it('sets an httpOnly, SameSite cookie', () => {
    const header = tokens.setCookieHeader('t', false);
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Lax/);
    expect(header).not.toMatch(/Secure/);
    expect(tokens.setCookieHeader('t', true)).toMatch(/Secure/);
  });
});
