/**
 * Port preview on real parts: a real sandbox in which the student's server runs with
 * `docker run -p` (busybox httpd, CGI scripts, and nc for a websocket-like upgrade), the
 * real session service and database, and the proxy behind a real HTTP server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect as tcpConnect } from 'node:net';
import { randomUUID } from 'node:crypto';
import { testDriver } from '../runtime/test-driver';
import type { Database } from '@/server/db/database';
import { openTestDatabase } from '../test-database';
import { OwnerTokens, OWNER_COOKIE } from '@/server/auth/owner-token';
import { CallerResolver } from '@/server/auth/caller-resolver';
import { SessionService } from '@/server/sessions/session-service';
import { findLabSpec } from '@/server/sessions/find-lab-spec';
import { PreviewGrants } from '@/server/preview/preview-grants';
import { PreviewProxy } from '@/server/preview/preview-proxy';
import { SupervisionService } from '@/server/supervision/supervision-service';
import { PREVIEW_CSP } from '@/server/preview/preview-headers';
import { Server as SocketServer } from 'socket.io';
import { requireImages, TEST_INSTANCE } from '../runtime/fixtures';

// Its own instance label: other test files reap what their instance does not know.
const driver = testDriver(`${TEST_INSTANCE}-preview`);
const owners = new OwnerTokens('test-secret-'.padEnd(40, 'x'));
const grants = new PreviewGrants('test-secret-'.padEnd(40, 'x'));
const alice = `alice-${randomUUID()}`;
const bob = `bob-${randomUUID()}`;
let db: Database;
let sessions: SessionService;
let server: Server;
let port: number;
let sessionId: string;

/** The student's server, set up the way a lab step would have them do it. */
const SETUP = String.raw`
set -e
mkdir -p /root/www/cgi-bin /root/www/sub
echo '<h1>Bonjour depuis node1</h1><link rel="stylesheet" href="style.css">' > /root/www/index.html
echo 'h1 { color: teal }' > /root/www/style.css
echo 'sous-dossier' > /root/www/sub/index.html
cat > /root/www/cgi-bin/echo <<'EOF'
#!/bin/sh
printf 'Content-Type: text/plain\r\n\r\n'
echo "methode=$REQUEST_METHOD"
echo "chemin=$REQUEST_URI"
echo "cookies=$HTTP_COOKIE"
[ -n "$CONTENT_LENGTH" ] && head -c "$CONTENT_LENGTH"
exit 0
EOF
cat > /root/www/cgi-bin/go <<'EOF'
#!/bin/sh
printf 'Status: 302 Found\r\nLocation: %s\r\n\r\n' "$(echo "$QUERY_STRING" | sed 's/%3A/:/g; s/%2F/\//g; s/%3F/?/g; s/%3D/=/g')"
EOF
cat > /root/www/cgi-bin/cookie <<'EOF'
#!/bin/sh
printf 'Content-Type: text/plain\r\nSet-Cookie: theme=sombre; Path=/; HttpOnly\r\nSet-Cookie: ${OWNER_COOKIE}=vole; Path=/\r\nStrict-Transport-Security: max-age=31536000\r\n\r\nok\n'
EOF
cat > /root/www/cgi-bin/slow <<'EOF'
#!/bin/sh
sleep 5
printf 'Content-Type: text/plain\r\n\r\ntrop tard\n'
EOF
cat > /root/www/ws.sh <<'EOF'
#!/bin/sh
while IFS= read -r line; do line=$(printf '%s' "$line" | tr -d '\r'); [ -z "$line" ] && break; done
printf 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n'
exec cat
EOF
chmod +x /root/www/cgi-bin/* /root/www/ws.sh
docker run -d --name web -p 8080:8080 -v /root/www:/www busybox httpd -f -p 8080 -h /www
docker run -d --name ws -p 9000:9000 -v /root/www:/www busybox nc -ll -p 9000 -e /www/ws.sh
for i in $(seq 50); do curl -fs localhost:8080/ >/dev/null && exit 0; sleep 0.1; done
echo "httpd ne répond pas"; exit 1
`;

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function call(
  path: string,
  options: { owner?: string; method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.owner) headers.cookie = [headers.cookie, `${OWNER_COOKIE}=${owners.issue(options.owner)}`].filter(Boolean).join('; ');
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The granted prefix the owner is redirected to. */
async function grantedPrefix(node = 'node1', target = 8080): Promise<string> {
  const entry = await call(`/preview/${sessionId}/${node}/${target}/`, { owner: alice });
  expect(entry.status).toBe(307);
  const location = entry.headers.location ?? '';
  expect(location).toMatch(new RegExp(`^/preview/${sessionId}\\.[\\w-]+\\.[\\w-]+/${node}/${target}/$`));
  return location.slice(0, -1);
}

beforeAll(async () => {
  await requireImages();
  db = await openTestDatabase();
  sessions = new SessionService({ prisma: db.prisma, driver, findLab: findLabSpec });
  await driver.prepare();
  // Workshop mode: owners are browsers with the owner cookie (signed-in users go through the
  // same CallerResolver, tested with real accounts in test/integration/accounts).
  const callers = new CallerResolver({ findUser: async () => null, owners, anonymousLabs: true });
  const proxy = new PreviewProxy({ callers, grants, sessions, supervision: new SupervisionService({ prisma: db.prisma }), driver, responseTimeoutMs: 2_000 });
  server = createServer((req, res) => {
    if (!proxy.handle(req, res)) res.writeHead(404).end('next');
  });
  // As in server/main.ts: socket.io shares the server (and ends upgrades it does not own after 1 s).
  new SocketServer(server, { path: '/socket.io', serveClient: false });
  server.on('upgrade', (req, socket, head) => void proxy.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;

  sessionId = (await sessions.start(alice, 'premiers-pas')).id;
  const { sandboxId } = await sessions.sandboxFor(alice, sessionId, 'node1');
  const setup = await driver.exec(sandboxId, ['bash', '-c', SETUP], { timeoutMs: 90_000 });
  if (setup.exitCode !== 0) throw new Error(`préparation du serveur dans ${sandboxId} :\n${setup.output}`);
});

afterAll(async () => {
  if (sessionId) await sessions.endSession(sessionId, 'test-cleanup').catch(() => undefined);
  await new Promise((resolve) => server?.close(resolve));
  await db?.close();
});

describe('port preview', () => {
  it('sends the owner from the entry URL to a granted URL, then shows the page', async () => {
    const prefix = await grantedPrefix();
    // No cookie: the page's own requests (styles, scripts) come from an opaque origin.
    const page = await call(`${prefix}/`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<h1>Bonjour depuis node1</h1>');
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toBe(PREVIEW_CSP);
    const style = await call(`${prefix}/style.css`);
    expect(style.status).toBe(200);
    expect(style.body).toContain('teal');
  });

  it('keeps the path and the query after the prefix when it redirects', async () => {
    const entry = await call(`/preview/${sessionId}/node1/8080/sub/?a=1`, { owner: alice });
    expect(entry.status).toBe(307);
    expect(entry.headers.location).toMatch(/\/node1\/8080\/sub\/\?a=1$/);
    const bare = await call(`/preview/${sessionId}/node1/8080`, { owner: alice });
    expect(bare.headers.location).toMatch(/\/node1\/8080\/$/);
    const prefix = await grantedPrefix();
    const noSlash = await call(prefix);
    expect(noSlash.status).toBe(308);
    expect(noSlash.headers.location).toBe(`${prefix}/`);
  });

  it('strips the prefix, forwards a POST body and the query, and streams the answer', async () => {
    const prefix = await grantedPrefix();
    const echoed = await call(`${prefix}/cgi-bin/echo?x=1`, {
      method: 'POST',
      body: 'nom=Ada&langage=fran%C3%A7ais',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(echoed.status).toBe(200);
    expect(echoed.body).toContain('methode=POST');
    expect(echoed.body).toContain('chemin=/cgi-bin/echo?x=1');
    expect(echoed.body).toContain('nom=Ada&langage=fran%C3%A7ais');
    const sub = await call(`${prefix}/sub/`);
    expect(sub.body.trim()).toBe('sous-dossier');
  });

  it('rewrites redirects of the student’s server under the prefix', async () => {
    const prefix = await grantedPrefix();
    // busybox httpd answers /sub with « Location: /sub/ ».
    const dir = await call(`${prefix}/sub`);
    expect(dir.status).toBe(302);
    expect(dir.headers.location).toBe(`${prefix}/sub/`);
    const self = await call(`${prefix}/cgi-bin/go?http://localhost:8080/sub/%3Fvia%3Dcgi`);
    expect(self.headers.location).toBe(`${prefix}/sub/?via=cgi`);
    const otherPort = await call(`${prefix}/cgi-bin/go?http://localhost:9000/chat`);
    expect(otherPort.headers.location).toBe(`${prefix.replace(/\/8080$/, '/9000')}/chat`);
    const external = await call(`${prefix}/cgi-bin/go?https://example.org/`);
    expect(external.headers.location).toBe('https://example.org/');
  });

  it('keeps Dockyard’s cookie from the student’s server, both ways', async () => {
    const prefix = await grantedPrefix();
    const echoed = await call(`${prefix}/cgi-bin/echo`, { owner: alice, headers: { cookie: 'theme=clair' } });
    expect(echoed.body).toContain('cookies=theme=clair\n');
    const set = await call(`${prefix}/cgi-bin/cookie`);
    expect(set.headers['set-cookie']).toEqual([`theme=sombre; Path=${prefix}/; HttpOnly`]);
    expect(set.headers['strict-transport-security']).toBeUndefined();
  });

  it('is invisible to anyone else, with or without a forged grant', async () => {
    const strangers = [
      call(`/preview/${sessionId}/node1/8080/`, { owner: bob }),
      call(`/preview/${sessionId}/node1/8080/`),
      call(`/preview/${sessionId}.${grants.issue(bob, sessionId)}/node1/8080/`),
      call(`/preview/${sessionId}.${grants.issue(alice, sessionId).slice(0, -2)}xx/node1/8080/`),
      call(`/preview/${randomUUID()}.${grants.issue(alice, sessionId)}/node1/8080/`),
    ];
    for (const answer of await Promise.all(strangers)) {
      expect(answer.status).toBe(404);
      expect(JSON.parse(answer.body).message).toMatch(/n'existe pas ou n'est plus active/);
      expect(answer.body).not.toContain('Bonjour');
    }
    const html = await call(`/preview/${sessionId}/node1/8080/`, { owner: bob, headers: { accept: 'text/html' } });
    expect(html.status).toBe(404);
    expect(html.headers['content-type']).toMatch(/text\/html/);
  });

  it('answers 404 for a machine the lab does not have and for a malformed address', async () => {
    const node = await call(`/preview/${sessionId}/node9/8080/`, { owner: alice });
    expect(node.status).toBe(404);
    expect(JSON.parse(node.body).message).toContain('node9');
    for (const path of [`/preview/${sessionId}/node1/99999/`, `/preview/${sessionId}/node1/`, '/preview/']) {
      expect((await call(path, { owner: alice })).status).toBe(404);
    }
  });

  it('says in French that nothing listens on a closed port, with a 502', async () => {
    const prefix = (await grantedPrefix()).replace(/\/8080$/, '/8081');
    const json = await call(`${prefix}/`);
    expect(json.status).toBe(502);
    expect(JSON.parse(json.body).message).toBe("Rien n'écoute sur le port 8081 de node1 : lancez d'abord votre serveur.");
    const html = await call(`${prefix}/`, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(html.status).toBe(502);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.body).toContain('Rien n&#39;écoute sur le port 8081 de node1');
  });

  it('gives up on a server that does not answer in time, with a 504', async () => {
    const prefix = await grantedPrefix();
    const started = Date.now();
    const slow = await call(`${prefix}/cgi-bin/slow`);
    expect(slow.status).toBe(504);
    expect(JSON.parse(slow.body).message).toMatch(/n'a pas répondu en 2 s/);
    expect(Date.now() - started).toBeLessThan(4_500);
  });

  it('stops asking the student’s server when the browser goes away, and keeps serving', async () => {
    const prefix = await grantedPrefix();
    await new Promise<void>((resolve) => {
      const req = request({ host: '127.0.0.1', port, path: `${prefix}/cgi-bin/slow` });
      req.on('error', () => resolve());
      req.end();
      setTimeout(() => req.destroy(), 300);
    });
    const page = await call(`${prefix}/`);
    expect(page.status).toBe(200);
  });

  it('carries a websocket upgrade both ways', async () => {
    const prefix = (await grantedPrefix()).replace(/\/8080$/, '/9000');
    const socket = tcpConnect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
    socket.write(`GET ${prefix}/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n`);
    await expect.poll(() => received, { timeout: 10_000 }).toMatch(/^HTTP\/1\.1 101 /);
    // Past socket.io's 1 s limit for upgrades that are not its own: still open.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    socket.write('ping-42');
    await expect.poll(() => received, { timeout: 10_000 }).toContain('ping-42');
    socket.destroy();
  });

  it('closes with the session', async () => {
    const prefix = await grantedPrefix();
    await sessions.end(alice, sessionId);
    expect((await call(`${prefix}/`)).status).toBe(404);
  });
});
