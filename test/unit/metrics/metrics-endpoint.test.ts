/**
 * Who may read /metrics: with a token, only its bearer; without, only this machine's own
 * direct requests (a proxy's forwarded one is not). The endpoint itself, on a real server, is
 * tested in test/integration/metrics.
 */
import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { metricsAccess } from '@/server/metrics/metrics-endpoint';

const TOKEN = 'jeton-de-prometheus-0123456789';

function request(remoteAddress: string, headers: Record<string, string> = {}): Pick<IncomingMessage, 'headers' | 'socket'> {
  return { headers, socket: { remoteAddress } as IncomingMessage['socket'] };
}

describe('access to /metrics', () => {
  it('with a token, allows its bearer only, from anywhere', () => {
    expect(metricsAccess(request('203.0.113.9', { authorization: `Bearer ${TOKEN}` }), TOKEN)).toBe('allowed');
    expect(metricsAccess(request('203.0.113.9', { authorization: `bearer ${TOKEN}` }), TOKEN)).toBe('allowed');
    expect(metricsAccess(request('203.0.113.9', { authorization: `Bearer ${TOKEN}x` }), TOKEN)).toBe('unauthorized');
    expect(metricsAccess(request('203.0.113.9', { authorization: TOKEN }), TOKEN)).toBe('unauthorized');
    expect(metricsAccess(request('127.0.0.1'), TOKEN)).toBe('unauthorized');
  });

  it('without a token, allows this machine’s direct requests and hides itself from others', () => {
    expect(metricsAccess(request('127.0.0.1'), undefined)).toBe('allowed');
    expect(metricsAccess(request('::1'), undefined)).toBe('allowed');
    expect(metricsAccess(request('::ffff:127.0.0.1'), undefined)).toBe('allowed');
    expect(metricsAccess(request('10.0.0.5'), undefined)).toBe('hidden');
    expect(metricsAccess(request('::ffff:10.0.0.5'), undefined)).toBe('hidden');
    expect(metricsAccess(request('127.0.0.1', { 'x-forwarded-for': '203.0.113.9' }), undefined)).toBe('hidden');
    expect(metricsAccess(request('127.0.0.1', { forwarded: 'for=203.0.113.9' }), undefined)).toBe('hidden');
  });
});
