import { describe, expect, it } from 'vitest';
import { isPreviewUrl, parsePreviewUrl, previewPrefix, upstreamPath } from '@/server/preview/preview-route';

const S = '0b7e2d1c-5a4f-4c3b-9d8e-7f6a5b4c3d2e';

describe('preview URLs', () => {
  it('reads the entry and the granted forms', () => {
    expect(parsePreviewUrl(`/preview/${S}/node1/8080/a/b?c=1`)).toEqual({ sessionId: S, node: 'node1', port: 8080, rest: '/a/b?c=1' });
    expect(parsePreviewUrl(`/preview/${S}.YWxpY2U.abcdefghijklmnopqrstuv/node2/80`)).toEqual({
      sessionId: S,
      grant: 'YWxpY2U.abcdefghijklmnopqrstuv',
      node: 'node2',
      port: 80,
      rest: '',
    });
    expect(parsePreviewUrl(`/preview/${S}/node1/8080?x=1`)?.rest).toBe('?x=1');
  });

  it('refuses what is not a preview of a port', () => {
    for (const url of [
      '/preview/',
      `/preview/${S}/node1/`,
      `/preview/${S}/node1/0/`,
      `/preview/${S}/node1/65536/`,
      `/preview/${S}/node1/08080/`,
      `/preview/${S}/Node1/8080/`,
      `/preview/${S}/node1/8080x/`,
      `/preview/${S}.pas-de-point/node1/8080/`,
      `/preview/${S}.a.court/node1/8080/`,
      `/preview/../node1/8080/`,
      '/lecons/preview/x/node1/80/',
    ]) {
      expect(parsePreviewUrl(url), url).toBeNull();
    }
  });

  it('claims every URL under /preview/ so that none reaches Next', () => {
    expect(isPreviewUrl('/preview')).toBe(true);
    expect(isPreviewUrl('/preview/nimporte')).toBe(true);
    expect(isPreviewUrl('/previews')).toBe(false);
    expect(isPreviewUrl('/labs/premiers-pas')).toBe(false);
  });

  it('builds prefixes and upstream paths', () => {
    const target = { sessionId: S, node: 'node1', port: 8080 };
    expect(previewPrefix(target)).toBe(`/preview/${S}/node1/8080`);
    expect(previewPrefix(target, 'g.m')).toBe(`/preview/${S}.g.m/node1/8080`);
    expect(upstreamPath('')).toBe('/');
    expect(upstreamPath('?q=1')).toBe('/?q=1');
    expect(upstreamPath('/a?q=1')).toBe('/a?q=1');
  });
});
