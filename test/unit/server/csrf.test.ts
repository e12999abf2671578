// The cross-site rules every state-changing route applies (server/http/csrf.ts), without a server.
import { describe, expect, it } from 'vitest';
import { addressedHosts, crossSiteRefusal, guardStateChange, type SiteAddress } from '@/server/http/csrf';
import { toEnvelope } from '@/server/errors';

const LAN: SiteAddress = { trustProxy: false };

function request(method: string, headers: Record<string, string>, url = 'http://192.168.1.10:3000/api/classes') {
  return { method, url, headers: new Headers(headers) };
}

/** The status route.ts would answer, or 'ok'. */
function outcome(method: string, headers: Record<string, string>, site: SiteAddress = LAN, url?: string): number | 'ok' {
  try {
    guardStateChange(request(method, headers, url), site);
    return 'ok';
  } catch (error) {
    return toEnvelope(error).status;
  }
}

const JSON_TYPE = { 'content-type': 'application/json' };
const HOST = { host: '192.168.1.10:3000' };

describe('where a request comes from', () => {
  it('believes Sec-Fetch-Site first', () => {
    expect(outcome('POST', { ...HOST, ...JSON_TYPE, 'sec-fetch-site': 'same-origin' })).toBe('ok');
    expect(outcome('POST', { ...HOST, ...JSON_TYPE, 'sec-fetch-site': 'none' })).toBe('ok');
    expect(outcome('POST', { ...HOST, ...JSON_TYPE, 'sec-fetch-site': 'same-site' })).toBe(403);
    expect(outcome('POST', { ...HOST, ...JSON_TYPE, 'sec-fetch-site': 'cross-site', origin: 'http://192.168.1.10:3000' })).toBe(403);
    // Sec-Fetch-Site says same-origin: a proxy that hides the real host cannot make it fail.
    expect(outcome('POST', { host: '127.0.0.1:3000', ...JSON_TYPE, 'sec-fetch-site': 'same-origin', origin: 'http://dockyard.lan' })).toBe('ok');
  });

  it('falls back on Origin against the host the browser addressed (plain http on a LAN)', () => {
    expect(outcome('POST', { ...HOST, ...JSON_TYPE, origin: 'http://192.168.1.10:3000' })).toBe('ok');
    expect(outcome('POST', { ...HOST, ...JSON_TYPE, origin: 'http://192.168.1.10:8080' })).toBe(403);
    expect(outcome('POST', { ...HOST, ...JSON_TYPE, origin: 'https://pirate.example' })).toBe(403);
    expect(outcome('POST', { ...HOST, ...JSON_TYPE, origin: 'null' })).toBe(403);
    expect(outcome('POST', { ...HOST, ...JSON_TYPE, origin: '::' })).toBe(403);
  });

  it('lets programs through: no Origin and no Sec-Fetch-Site', () => {
    expect(outcome('POST', { ...HOST, ...JSON_TYPE, authorization: 'Bearer dyg_x' })).toBe('ok');
    expect(outcome('DELETE', {})).toBe('ok');
  });

  it('never refuses a read', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS', 'get']) {
      expect(outcome(method, { origin: 'https://pirate.example', 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' })).toBe('ok');
    }
  });

  it('checks PUT, PATCH and DELETE like POST', () => {
    for (const method of ['PUT', 'PATCH', 'DELETE', 'patch']) expect(outcome(method, { ...HOST, origin: 'https://pirate.example' })).toBe(403);
  });

  it('says what it received and what it expected, for the operator', () => {
    expect(crossSiteRefusal(request('POST', { ...HOST, origin: 'https://pirate.example' }), { publicUrl: 'https://dockyard.example.org', trustProxy: false })).toBe(
      'Origine reçue : https://pirate.example ; attendue : https://dockyard.example.org ou 192.168.1.10:3000.',
    );
    const { status, body } = toEnvelope(catchError(() => guardStateChange(request('POST', { 'sec-fetch-site': 'cross-site' }), LAN)));
    expect(status).toBe(403);
    expect(body.message).toBe('Requête refusée : elle vient d’une page extérieure à Dockyard. Refaites l’action depuis les pages de Dockyard.');
    expect(body.detail).toMatch(/^Sec-Fetch-Site : cross-site\. .*DOCKYARD_PUBLIC_URL/);
  });
});

describe('this server’s addresses', () => {
  it('is the Host header, or the request’s URL without one', () => {
    expect(addressedHosts(request('POST', { host: 'Dockyard.LAN:80' }), LAN)).toEqual(['dockyard.lan']);
    expect(addressedHosts(request('POST', {}, 'http://127.0.0.1:3999/api'), LAN)).toEqual(['127.0.0.1:3999']);
    expect(addressedHosts(request('POST', { host: '[::1]:3000' }), LAN)).toEqual(['[::1]:3000']);
  });

  it('adds X-Forwarded-Host (its last value) only behind a trusted proxy', () => {
    const headers = { host: '127.0.0.1:3000', 'x-forwarded-host': 'pirate.example, dockyard.lycee.lan' };
    expect(addressedHosts(request('POST', headers), LAN)).toEqual(['127.0.0.1:3000']);
    expect(addressedHosts(request('POST', headers), { trustProxy: true })).toEqual(['127.0.0.1:3000', 'dockyard.lycee.lan']);
  });

  it('is DOCKYARD_PUBLIC_URL’s exact origin, scheme and port included', () => {
    const site = { publicUrl: 'https://dockyard.example.org/', trustProxy: false };
    const behindProxy = { host: '127.0.0.1:3000', ...JSON_TYPE };
    expect(outcome('POST', { ...behindProxy, origin: 'https://dockyard.example.org' }, site)).toBe('ok');
    expect(outcome('POST', { ...behindProxy, origin: 'http://dockyard.example.org' }, site)).toBe(403);
    expect(outcome('POST', { ...behindProxy, origin: 'https://dockyard.example.org:8443' }, site)).toBe(403);
  });
});

describe('what a state-changing request carries', () => {
  const own = { ...HOST, 'sec-fetch-site': 'same-origin' };

  it('is JSON, or nothing', () => {
    expect(outcome('POST', { ...own, 'content-type': 'application/json; charset=utf-8' })).toBe('ok');
    expect(outcome('POST', { ...own, 'content-type': ' APPLICATION/JSON ' })).toBe('ok');
    expect(outcome('POST', { ...own, 'content-length': '0' })).toBe('ok');
    expect(outcome('POST', own)).toBe('ok');
  });

  it('is never a form, text, another JSON-looking type or a typeless body (415)', () => {
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain', 'application/jsonp', 'application/json-seq', '']) {
      expect(outcome('POST', { ...own, 'content-type': type }), type).toBe(415);
    }
    expect(outcome('POST', { ...own, 'content-length': '12' })).toBe(415);
    expect(outcome('POST', { ...own, 'transfer-encoding': 'chunked' })).toBe(415);
  });

  it('answers a cross-site form with 403 first: where it comes from is what matters', () => {
    expect(outcome('POST', { ...HOST, origin: 'https://pirate.example', 'content-type': 'text/plain' })).toBe(403);
  });
});

function catchError(run: () => void): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('aucune erreur levée');
}
