/** The route label of the HTTP metrics: the route's pattern, never its ids. */
import { describe, expect, it } from 'vitest';
import { routePattern } from '@/server/http/route-pattern';

describe('a request’s route pattern', () => {
  it('puts each param back as its name', () => {
    expect(routePattern('/api/sessions/8f0e-11/check', { id: '8f0e-11' })).toBe('/api/sessions/[id]/check');
    expect(routePattern('/api/classes/c1/sessions/s9/restore', { id: 'c1', sessionId: 's9' })).toBe('/api/classes/[id]/sessions/[sessionId]/restore');
  });

  it('reads encoded segments and catch-all params', () => {
    expect(routePattern('/api/labs/pack.mon%20lab/session', { slug: 'pack.mon lab' })).toBe('/api/labs/[slug]/session');
    expect(routePattern('/api/files/a/b', { path: ['a', 'b'] })).toBe('/api/files/[path]/[path]');
  });

  it('leaves routes without params as they are', () => {
    expect(routePattern('/api/me', undefined)).toBe('/api/me');
    expect(routePattern('/api/me', {})).toBe('/api/me');
    expect(routePattern('/api/bad/%E0%A4%A', { x: 'y' })).toBe('/api/bad/%E0%A4%A');
  });
});
