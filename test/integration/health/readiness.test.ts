/**
 * /healthz and /readyz of the real server process (tsx server/main.ts, production build) on
 * PostgreSQL reached through a relay the test can cut, as a dead link or a stopped database
 * would: readiness fails, naming the database, while the process stays alive; it comes back by
 * itself once the database answers again. The replicas' load balancer routes on /readyz
 * (test/integration/replicas/haproxy.cfg).
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '@/bench/lib/server';
import { requireImages, TEST_INSTANCE } from '../runtime/fixtures';
import { createTestDatabase, type TestDatabaseHome } from '../test-database';

const PORT = 3291;

interface Probe {
  ok: boolean;
  error?: string;
}
interface ReadyBody {
  status: string;
  checks: Record<'database' | 'migrations' | 'runtime' | 'content', Probe>;
}

/** A TCP relay to the database that can be cut (every connection dropped, none accepted) and restored. */
async function relayTo(target: URL) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(Number(target.port), target.hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => undefined);
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server?.address() as net.AddressInfo).port;
        resolve();
      });
    });
  await listen();
  return {
    url: () => {
      const url = new URL(target.href);
      url.host = `127.0.0.1:${port}`;
      return url.href;
    },
    cut: async () => {
      await new Promise<void>((resolve) => {
        server?.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
    restore: listen,
  };
}

let home: TestDatabaseHome;
let relay: Awaited<ReturnType<typeof relayTo>>;
let server: RunningServer;

const readyz = async () => {
  const response = await fetch(`${server.baseUrl}/readyz`);
  return { status: response.status, body: (await response.json()) as ReadyBody };
};

beforeAll(async () => {
  await requireImages();
  home = await createTestDatabase('postgresql');
  relay = await relayTo(new URL(home.url ?? ''));
  server = await startServer({
    port: PORT,
    dataDir: '.cache/readiness-test',
    instance: `${TEST_INSTANCE}-ready`,
    maxSessions: 2,
    poolSize: 0,
    logFile: '.cache/readiness-test/server.log',
    env: { DATABASE_URL: relay.url(), DOCKYARD_SECRET: 'un-secret-de-test-assez-long-pour-le-serveur' },
  });
}, 240_000);

afterAll(async () => {
  await server?.stop();
  await relay?.cut();
  await home?.drop();
});

describe('health endpoints', () => {
  it('say alive and ready, each check named', async () => {
    const live = await fetch(`${server.baseUrl}/healthz`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'alive' });
    const { status, body } = await readyz();
    expect(status).toBe(200);
    expect(body.status).toBe('ready');
    expect(Object.values(body.checks).every((check) => check.ok)).toBe(true);
    expect(Object.keys(body.checks).sort()).toEqual(['content', 'database', 'migrations', 'runtime']);
  });

  it('refuse anything but GET and HEAD', async () => {
    expect((await fetch(`${server.baseUrl}/readyz`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${server.baseUrl}/healthz`, { method: 'HEAD' })).status).toBe(200);
  });

  it('say not ready, naming the database, while it cannot be reached, and ready again once it can', async () => {
    await relay.cut();
    const down = await readyz();
    expect(down.status).toBe(503);
    expect(down.body.status).toBe('not ready');
    expect(down.body.checks.database.ok).toBe(false);
    expect(down.body.checks.database.error).toBeTruthy();
    expect(down.body.checks.runtime.ok).toBe(true);
    expect(down.body.checks.content.ok).toBe(true);
    // The process itself is fine: a supervisor must not restart it for its database.
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);

    await relay.restore();
    await expect.poll(async () => (await readyz()).status, { timeout: 30_000, interval: 500 }).toBe(200);
  });
});
