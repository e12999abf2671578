import { describe, expect, it } from 'vitest';
import {
  forwardRequestHeaders,
  PREVIEW_CSP,
  rewriteLocation,
  rewriteResponseHeaders,
  rewriteSetCookie,
  type PreviewTarget,
} from '@/server/preview/preview-headers';

const target: PreviewTarget = {
  sessionId: 'S',
  grant: 'g.m',
  node: 'node1',
  port: 8080,
  prefix: '/preview/S.g.m/node1/8080',
};
const context = { target, upstreamHost: '172.18.0.5', publicHost: 'dockyard.example:3000' };

describe('requests to the student’s server', () => {
  it('lose hop-by-hop headers and Dockyard’s cookies, and say where they come from', () => {
    const out = forwardRequestHeaders(
      {
        host: 'dockyard.example:3000',
        cookie: 'theme=clair; dockyard_owner=abc.def; dockyard.session_token=jeton.signe; x=1',
        connection: 'keep-alive, x-secret',
        'x-secret': 'non',
        'keep-alive': 'timeout=5',
        'transfer-encoding': 'chunked',
        accept: 'text/html',
        upgrade: 'websocket',
      },
      { target, remoteAddress: '10.0.0.9', upgrade: false },
    );
    expect(out).toEqual({
      host: 'localhost:8080',
      cookie: 'theme=clair; x=1',
      accept: 'text/html',
      'x-forwarded-for': '10.0.0.9',
      'x-forwarded-host': 'dockyard.example:3000',
      'x-forwarded-proto': 'http',
      'x-forwarded-prefix': target.prefix,
    });
  });

  it('keep the upgrade of a websocket and drop a cookie header left empty', () => {
    const out = forwardRequestHeaders(
      { cookie: 'dockyard_owner=abc.def', connection: 'Upgrade', upgrade: 'websocket', 'x-forwarded-proto': 'https' },
      { target, remoteAddress: undefined, upgrade: true },
    );
    expect(out.cookie).toBeUndefined();
    expect(out).toMatchObject({ connection: 'Upgrade', upgrade: 'websocket', 'x-forwarded-proto': 'https' });
  });
});

describe('answers of the student’s server', () => {
  it('get the CSP sandbox, added to their own policy', () => {
    expect(rewriteResponseHeaders({ 'content-type': 'text/html' }, context)).toEqual({
      'content-type': 'text/html',
      'content-security-policy': PREVIEW_CSP,
    });
    expect(rewriteResponseHeaders({ 'content-security-policy': "default-src 'self'" }, context)['content-security-policy']).toBe(
      `default-src 'self', ${PREVIEW_CSP}`,
    );
  });

  it('cannot set headers that act on all of Dockyard', () => {
    const out = rewriteResponseHeaders(
      { 'strict-transport-security': 'max-age=1', 'clear-site-data': '"cookies"', 'transfer-encoding': 'chunked', etag: '"1"' },
      context,
    );
    expect(Object.keys(out).sort()).toEqual(['content-security-policy', 'etag']);
  });

  it('have their redirects moved under the prefix', () => {
    const p = target.prefix;
    const cases: Array<[string, string]> = [
      ['/login?next=%2F', `${p}/login?next=%2F`],
      [`${p}/deja`, `${p}/deja`],
      ['suite', 'suite'],
      ['../haut', '../haut'],
      ['http://localhost:8080/a#b', `${p}/a#b`],
      ['http://localhost/a', `${p}/a`],
      ['http://127.0.0.1:8080/', `${p}/`],
      ['http://172.18.0.5:8080/x', `${p}/x`],
      ['http://node1:8080/x', `${p}/x`],
      ['http://[::1]:8080/x', `${p}/x`],
      ['http://localhost:3000/api', '/preview/S.g.m/node1/3000/api'],
      ['//localhost:8080/x', `${p}/x`],
      ['http://dockyard.example:3000/ailleurs', `${p}/ailleurs`],
      [`http://dockyard.example:3000${p}/x`, `${p}/x`],
      ['https://example.org/', 'https://example.org/'],
      ['mailto:a@b.c', 'mailto:a@b.c'],
    ];
    for (const [location, expected] of cases) expect(rewriteLocation(location, context), location).toBe(expected);
  });

  it('have their cookies kept under the prefix, and never Dockyard’s', () => {
    const p = target.prefix;
    expect(rewriteSetCookie('a=1; Path=/; HttpOnly', p)).toEqual([`a=1; Path=${p}/; HttpOnly`]);
    expect(rewriteSetCookie('a=1; path=/app', p)).toEqual([`a=1; Path=${p}/app`]);
    expect(rewriteSetCookie('a=1', p)).toEqual([`a=1; Path=${p}/`]);
    expect(rewriteSetCookie('dockyard_owner=x; Path=/', p)).toEqual([]);
    expect(rewriteSetCookie('dockyard.session_token=x; Path=/', p)).toEqual([]);
    expect(rewriteSetCookie('__Secure-dockyard.session_token=x; Path=/; Secure', p)).toEqual([]);
    const out = rewriteResponseHeaders({ 'set-cookie': ['dockyard_owner=x', 'b=2'] }, context);
    expect(out['set-cookie']).toEqual([`b=2; Path=${p}/`]);
  });
});
