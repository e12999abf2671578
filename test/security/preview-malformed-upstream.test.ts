/**
 * Issue 9, point 6: a student's server that answers malformed HTTP (a status of 099, garbage,
 * invalid headers, a reset mid-answer, a 101 nobody asked for, silence) must get a French 502
 * page (504 for silence, as documented), never an uncaught exception that kills the server,
 * never a request left hanging. Real parts: the real proxy behind a real HTTP server, and a
 * real TCP server that writes the bytes. Only the sandbox lookup is a stand-in: the proxy's
 * driver seam (`endpoint`) points at that TCP server, as it would at a sandbox's address.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import { createConnection, createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import { CallerResolver } from '@/server/auth/caller-resolver';
import { OwnerTokens } from '@/server/auth/owner-token';
import { NotFoundError } from '@/server/errors';
import { PreviewGrants } from '@/server/preview/preview-grants';
import { PreviewProxy } from '@/server/preview/preview-proxy';

const SECRET = 'secret-de-test-aperçu-malformé-'.padEnd(40, 'x');
const SESSION = '7f1c2a4e-0000-4000-8000-000000000001';
const OWNER = 'alice';
const grants = new PreviewGrants(SECRET);
const PREFIX = `/preview/${SESSION}.${grants.issue(OWNER, SESSION)}/node1/8080`;

/** What the student's server writes for each path: raw bytes, then what it does with the socket. */
const ANSWERS: Record<string, { bytes: string; then?: 'end' | 'reset' | 'stay' }> = {
  '/ok': { bytes: 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 7\r\n\r\nbonjour' },
  '/status-099': { bytes: 'HTTP/1.1 099 Bizarre\r\nContent-Length: 2\r\n\r\nok' },
  '/status-000': { bytes: 'HTTP/1.1 000 Rien\r\nContent-Length: 2\r\n\r\nok' },
  '/status-1000': { bytes: 'HTTP/1.1 1000 Trop\r\nContent-Length: 2\r\n\r\nok' },
  '/status-600': { bytes: 'HTTP/1.1 600 Hors norme\r\nContent-Length: 2\r\n\r\nok' },
  '/status-message-del': { bytes: 'HTTP/1.1 200 O\x7fK\r\nContent-Length: 2\r\n\r\nok' },
  '/garbage': { bytes: "ceci n'est pas du HTTP\r\n\r\n" },
  '/tls-alert': { bytes: '\x15\x03\x01\x00\x02\x02\x46' },
  '/header-name': { bytes: 'HTTP/1.1 200 OK\r\nMauvais Nom: x\r\nContent-Length: 2\r\n\r\nok' },
  '/header-value': { bytes: 'HTTP/1.1 200 OK\r\nX-Valeur: a\x00b\r\nContent-Length: 2\r\n\r\nok' },
  '/content-length': { bytes: 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok' },
  '/header-overflow': { bytes: `HTTP/1.1 200 OK\r\nX-Long: ${'a'.repeat(70_000)}\r\nContent-Length: 2\r\n\r\nok` },
  '/unasked-101': { bytes: 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n', then: 'stay' },
  '/only-1xx': { bytes: 'HTTP/1.1 103 Early Hints\r\nLink: </style.css>\r\n\r\n' },
  '/reset-in-headers': { bytes: 'HTTP/1.1 200 OK\r\nContent-Ty', then: 'reset' },
  '/closed-in-headers': { bytes: 'HTTP/1.1 200 OK\r\nContent-Ty' },
  '/reset-in-body': { bytes: 'HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\ndebut...', then: 'reset' },
  '/silent-in-body': { bytes: 'HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\ndebut...', then: 'stay' },
  '/silent': { bytes: '', then: 'stay' },
};

let upstream: TcpServer;
let proxyServer: Server;
let port: number;
const upstreamSockets = new Set<Socket>();
const uncaught: unknown[] = [];
const recordUncaught = (error: unknown) => uncaught.push(error);

beforeAll(async () => {
  upstream = createTcpServer((socket) => {
    upstreamSockets.add(socket);
    socket.on('close', () => upstreamSockets.delete(socket));
    socket.on('error', () => undefined);
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      const path = head.split(' ')[1] ?? '/';
      const answer = ANSWERS[path] ?? ANSWERS['/ok']!;
      socket.write(Buffer.from(answer.bytes, 'latin1'));
      if (answer.then === 'reset') setTimeout(() => socket.resetAndDestroy(), 50);
      else if (answer.then !== 'stay') socket.end();
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const upstreamPort = (upstream.address() as AddressInfo).port;

  const proxy = new PreviewProxy({
    callers: new CallerResolver({ findUser: async () => null, owners: new OwnerTokens(SECRET), anonymousLabs: true }),
    grants,
    supervision: { supervisedOwner: async () => null },
    sessions: {
      sandboxFor: async (ownerId, sessionId, node) => {
        if (ownerId !== OWNER || sessionId !== SESSION) throw new NotFoundError("Cette session n'existe pas ou n'est plus active.");
        return { sandboxId: 'bac-de-test', node: node ?? 'node1' };
      },
      touch: async () => undefined,
    },
    // The seam a sandbox's port comes through: here, a TCP connection to the malformed server.
    driver: {
      endpoint: async () => ({ host: '127.0.0.1', port: upstreamPort }),
      connect: async () => createConnection({ host: '127.0.0.1', port: upstreamPort }),
    },
    connectTimeoutMs: 1_000,
    responseTimeoutMs: 1_500,
    idleTimeoutMs: 1_500,
  });
  proxyServer = createServer((req, res) => {
    if (!proxy.handle(req, res)) res.writeHead(404).end('next');
  });
  proxyServer.on('upgrade', (req, socket, head) => void proxy.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => proxyServer.listen(0, '127.0.0.1', resolve));
  port = (proxyServer.address() as AddressInfo).port;
  process.on('uncaughtException', recordUncaught);
});

afterEach(() => {
  // A throw inside the proxy's event handlers would have killed Dockyard's process.
  expect(uncaught.splice(0)).toEqual([]);
});

afterAll(async () => {
  process.off('uncaughtException', recordUncaught);
  for (const socket of upstreamSockets) socket.destroy();
  await new Promise((resolve) => proxyServer?.close(resolve));
  await new Promise((resolve) => upstream?.close(resolve));
});

interface Outcome {
  status?: number;
  headers?: IncomingHttpHeaders;
  body: string;
  /** The answer stopped short (connection cut): what a browser shows as a network error. */
  cut: boolean;
}

/** One browser request through the proxy; a request still open after `limitMs` fails the test. */
function call(path: string, headers: Record<string, string> = {}, limitMs = 5_000): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      const done = (cut: boolean) => {
        clearTimeout(timer);
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), cut });
      };
      res.on('end', () => done(false));
      res.on('aborted', () => done(true));
      res.on('error', () => done(true));
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`${path} : toujours sans réponse après ${limitMs} ms (requête pendante)`));
    }, limitMs);
    req.on('error', (error) => {
      clearTimeout(timer);
      resolve({ body: String(error), cut: true });
    });
    req.end();
  });
}

const INVALID = /^Le serveur du port 8080 de node1 a envoyé une réponse HTTP invalide/;
const DROPPED = /^Le serveur du port 8080 de node1 a fermé la connexion sans répondre/;

const MALFORMED: [string, RegExp][] = [
  ['/status-099', INVALID],
  ['/status-000', INVALID],
  ['/status-1000', INVALID],
  ['/status-600', INVALID],
  ['/status-message-del', INVALID],
  ['/garbage', INVALID],
  ['/tls-alert', INVALID],
  ['/header-name', INVALID],
  ['/header-value', INVALID],
  ['/content-length', INVALID],
  ['/header-overflow', INVALID],
  ['/unasked-101', INVALID],
  ['/only-1xx', DROPPED],
  ['/reset-in-headers', DROPPED],
  ['/closed-in-headers', DROPPED],
];

describe('preview of a server that answers malformed HTTP', () => {
  it.each(MALFORMED)('%s becomes a 502 with the error envelope, in French', async (path, message) => {
    const answer = await call(`${PREFIX}${path}`, { accept: 'application/json' });
    expect(answer.status).toBe(502);
    expect(answer.cut).toBe(false);
    expect(answer.headers?.['content-type']).toMatch(/^application\/json/);
    expect((JSON.parse(answer.body) as { message: string }).message).toMatch(message);
    // The server keeps serving the next request.
    expect((await call(`${PREFIX}/ok`)).body).toBe('bonjour');
  });

  it('shows a browser tab the French preview error page, with a way to retry', async () => {
    const page = await call(`${PREFIX}/status-099`, { accept: 'text/html,application/xhtml+xml' });
    expect(page.status).toBe(502);
    expect(page.headers?.['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('<html lang="fr">');
    expect(page.body).toContain('Aperçu · 502');
    expect(page.body).toContain('réponse HTTP invalide');
    expect(page.body).toContain('Réessayer');
  });

  it('gives up on a server that never answers (504, as documented), without hanging', async () => {
    const started = Date.now();
    const answer = await call(`${PREFIX}/silent`, { accept: 'application/json' });
    expect(answer.status).toBe(504);
    expect(JSON.parse(answer.body).message).toMatch(/n'a pas répondu en 1\.5 s/);
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('cuts the browser’s answer when the server resets or falls silent mid-body, and keeps serving', async () => {
    for (const path of ['/reset-in-body', '/silent-in-body']) {
      const answer = await call(`${PREFIX}${path}`);
      // Headers were already on their way: the browser sees a cut answer, never a hang.
      expect(answer.status).toBe(200);
      expect(answer.cut).toBe(true);
      expect((await call(`${PREFIX}/ok`)).body).toBe('bonjour');
    }
  });

  it('answers a websocket request met with a malformed answer with a 502, on the socket', async () => {
    for (const path of ['/status-099', '/garbage', '/closed-in-headers']) {
      const answer = await new Promise<string>((resolve, reject) => {
        const req = request({
          host: '127.0.0.1',
          port,
          path: `${PREFIX}${path}`,
          headers: { connection: 'Upgrade', upgrade: 'websocket' },
          agent: false,
        });
        const timer = setTimeout(() => {
          req.destroy();
          reject(new Error(`${path} : websocket toujours sans réponse`));
        }, 5_000);
        req.on('response', (res) => {
          clearTimeout(timer);
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
          res.on('end', () => resolve(`${res.statusCode} ${body}`));
        });
        req.on('upgrade', (res, socket) => {
          clearTimeout(timer);
          socket.destroy();
          resolve(`${res.statusCode}`);
        });
        req.on('error', (error) => {
          clearTimeout(timer);
          resolve(String(error));
        });
        req.end();
      });
      expect(answer).toMatch(/^502 \{"message":"Le serveur du port 8080 de node1 a (envoyé une réponse HTTP invalide|fermé la connexion)/);
    }
    expect((await call(`${PREFIX}/ok`)).body).toBe('bonjour');
  });
});
