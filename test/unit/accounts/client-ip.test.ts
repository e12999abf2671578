import { describe, expect, it } from 'vitest';
import { clientIp } from '@/server/http/client-ip';

const request = (remoteAddress: string, forwarded?: string) => ({
  socket: { remoteAddress } as never,
  headers: forwarded ? { 'x-forwarded-for': forwarded } : {},
});

describe('the client’s address', () => {
  it('is the connection’s, whatever the client claims, without a trusted proxy', () => {
    expect(clientIp(request('::ffff:192.0.2.7', '203.0.113.9'), false)).toBe('192.0.2.7');
  });

  it('is the last forwarded one behind a trusted proxy (the only one it vouches for)', () => {
    expect(clientIp(request('127.0.0.1', '198.51.100.1, 203.0.113.9'), true)).toBe('203.0.113.9');
    expect(clientIp(request('127.0.0.1'), true)).toBe('127.0.0.1');
  });
});
