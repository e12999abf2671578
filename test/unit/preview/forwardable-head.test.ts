// What the preview passes on from a student's server, and what becomes a 502 (issue 9, point 6).
import { describe, expect, it } from 'vitest';
import { upstreamFailure } from '@/server/preview/preview-errors';
import { forwardableHead } from '@/server/preview/preview-headers';

const where = { node: 'node1', port: 8080 };

describe('forwardableHead', () => {
  it('passes on a final status of 200–599 with its reason phrase', () => {
    expect(forwardableHead(200, 'OK', { 'content-type': 'text/html' })).toEqual({ status: 200, message: 'OK' });
    expect(forwardableHead(599, 'Très lent', {})).toEqual({ status: 599, message: 'Très lent' });
    expect(forwardableHead(404, '', {})).toEqual({ status: 404, message: undefined });
    expect(forwardableHead(302, undefined, { location: '/p/x', 'set-cookie': ['a=1; Path=/p/', 'b=2; Path=/p/'] })).toEqual({
      status: 302,
      message: undefined,
    });
  });

  it('refuses what Node’s writeHead would throw on, or what HTTP does not allow', () => {
    for (const status of [undefined, 0, 99, 100, 101, 199, 600, 999, 1000, 200.5]) {
      expect(forwardableHead(status, 'X', {}), String(status)).toBeNull();
    }
    expect(forwardableHead(200, 'O\x7fK', {})).toBeNull();
    expect(forwardableHead(200, 'O\r\nK', {})).toBeNull();
    expect(forwardableHead(200, 'OK', { 'x-a': 'a\nb' })).toBeNull();
    expect(forwardableHead(200, 'OK', { 'set-cookie': ['a=1', 'b=\x00'] })).toBeNull();
    expect(forwardableHead(200, 'OK', { 'mauvais nom': 'x' })).toBeNull();
  });
});

describe('upstreamFailure', () => {
  const failure = (code: string) => upstreamFailure(Object.assign(new Error(code), { code }), where);

  it('says an answer Node could not parse is invalid HTTP, with a 502', () => {
    for (const code of ['HPE_INVALID_STATUS', 'HPE_INVALID_CONSTANT', 'HPE_HEADER_OVERFLOW']) {
      expect(failure(code).status).toBe(502);
      expect(failure(code).body.message).toBe(
        'Le serveur du port 8080 de node1 a envoyé une réponse HTTP invalide : l’aperçu ne peut pas l’afficher.',
      );
    }
  });

  it('keeps its other explanations', () => {
    expect(failure('ECONNREFUSED').body.message).toMatch(/^Rien n'écoute sur le port 8080 de node1/);
    expect(failure('ECONNRESET').body.message).toMatch(/a fermé la connexion sans répondre/);
    expect(failure('EHOSTUNREACH').body.message).toMatch(/^La machine node1 est injoignable/);
  });
});
