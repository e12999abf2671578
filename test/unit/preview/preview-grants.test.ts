import { describe, expect, it } from 'vitest';
import { PreviewGrants } from '@/server/preview/preview-grants';
import { OwnerTokens } from '@/server/auth/owner-token';

const grants = new PreviewGrants('s'.repeat(40));

describe('preview grants', () => {
  it('name the owner they were issued to, for that session only', () => {
    const grant = grants.issue('alice', 'session-1');
    expect(grants.verify(grant, 'session-1')).toBe('alice');
    expect(grants.verify(grant, 'session-2')).toBeNull();
  });

  it('cannot be forged or moved to another owner', () => {
    const grant = grants.issue('alice', 'session-1');
    const [, mac] = grant.split('.');
    expect(grants.verify(`${Buffer.from('bob').toString('base64url')}.${mac}`, 'session-1')).toBeNull();
    expect(grants.verify(`${grant.slice(0, -1)}${grant.endsWith('A') ? 'B' : 'A'}`, 'session-1')).toBeNull();
    expect(new PreviewGrants('t'.repeat(40)).verify(grant, 'session-1')).toBeNull();
    expect(grants.verify('', 'session-1')).toBeNull();
    expect(grants.verify('.abc', 'session-1')).toBeNull();
  });

  it('are not owner cookies, even with the same secret', () => {
    const tokens = new OwnerTokens('s'.repeat(40));
    const grant = grants.issue('alice', 'session-1');
    expect(tokens.verify(grant)).toBeNull();
    expect(grant).toMatch(/^[\w-]+\.[\w-]{22}$/);
  });
});
