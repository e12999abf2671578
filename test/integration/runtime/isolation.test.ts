/**
 * What a sandbox can reach, on the real engine: its own session's nodes (by name) and the
 * read-only image mirror; not another session, not the host's services, not the catalog's
 * write side. Probes target only this machine's own addresses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { DockerSandboxDriver } from '@/runtime/docker/docker-driver';
import type { SandboxRef } from '@/runtime/driver';
import { requireImages, TEST_INSTANCE, testSpec } from './fixtures';

const driver = new DockerSandboxDriver({ instance: TEST_INSTANCE });
const alice = testSpec('node1');
const made: SandboxRef[] = [];
let aliceNode1: SandboxRef;
let aliceNode2: SandboxRef;
let bobNode1: SandboxRef;
let hostService: Server;

const sh = async (sandbox: SandboxRef, script: string) => driver.exec(sandbox.id, ['bash', '-c', script], { timeoutMs: 90_000 });
const ipOf = async (sandbox: SandboxRef) => (await sh(sandbox, "hostname -i | awk '{print $1}'")).output.trim();
/** HTTP status seen from the sandbox, or 000 when nothing answers within 3 s. */
const httpFrom = async (sandbox: SandboxRef, url: string) =>
  (await sh(sandbox, `curl -s -m 3 -o /dev/null -w '%{http_code}' ${url} || true`)).output.trim();

beforeAll(async () => {
  await requireImages();
  await driver.prepare();
  // A three-node session and another session, all created at once, as a lab start does.
  let aliceNode3: SandboxRef;
  [aliceNode1, aliceNode2, aliceNode3, bobNode1] = await Promise.all([
    driver.create(alice),
    driver.create({ ...alice, node: 'node2' }),
    driver.create({ ...alice, node: 'node3' }),
    driver.create(testSpec('node1')),
  ]);
  made.push(aliceNode1, aliceNode2, aliceNode3, bobNode1);
  hostService = createServer((_req, res) => res.end('secret de l’hôte'));
  await new Promise<void>((resolve) => hostService.listen(0, '0.0.0.0', resolve));
});

afterAll(async () => {
  await Promise.all(made.map((s) => driver.destroy(s.id)));
  hostService?.close();
});

describe('a session’s network', () => {
  it('lets the nodes of one session reach each other by name', async () => {
    const ping = await sh(aliceNode1, 'ping -c1 -W2 node2 >/dev/null && ping -c1 -W2 node3 >/dev/null && echo joignables');
    expect(ping.output).toContain('joignables');
  });

  it('keeps another session’s node out of reach', async () => {
    const bobIp = await ipOf(bobNode1);
    const ping = await sh(aliceNode1, `ping -c1 -W2 ${bobIp} >/dev/null 2>&1 && echo joignable || echo injoignable`);
    expect(ping.output.trim()).toBe('injoignable');
  });

  it('keeps every service of the host out of reach, on every host address', async () => {
    const port = (hostService.address() as AddressInfo).port;
    const gateway = (await sh(aliceNode1, "ip route | awk '/default/{print $3}'")).output.trim();
    const hostAddresses = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && a.family === 'IPv4' && !a.internal)
      .map((a) => a!.address);
    for (const address of new Set([gateway, ...hostAddresses])) {
      expect(await httpFrom(aliceNode1, `http://${address}:${port}/`), address).toBe('000');
    }
  });

  it('still lets the server on the host reach the sandbox (answers go back)', async () => {
    const started = await sh(
      aliceNode1,
      'mkdir -p /www && echo vu-de-l-hote > /www/index.html && docker run -d -p 8081:8081 -v /www:/www busybox httpd -f -p 8081 -h /www',
    );
    expect(started.exitCode, started.output).toBe(0);
    const ip = await ipOf(aliceNode1);
    await expect.poll(async () => (await fetch(`http://${ip}:8081/`).then((r) => r.text()).catch(() => '')).trim(), { timeout: 10_000 })
      .toBe('vu-de-l-hote');
  });
});

describe('the image catalog', () => {
  it('serves images to the inner engine but refuses a push', async () => {
    const pushed = await sh(
      aliceNode1,
      'docker pull busybox >/dev/null && docker tag busybox dockyard-registry:5000/library/hello-world && docker push dockyard-registry:5000/library/hello-world 2>&1; echo "code=$?"',
    );
    expect(pushed.output).not.toContain('code=0');
    const hello = await sh(aliceNode2, 'docker run --rm hello-world');
    expect(hello.output).toContain('Bonjour de Dockyard');
  });
});

describe('orchestration across the nodes of a session', () => {
  it('forms a swarm: init on node1, join from node2, a replicated service spreads', async () => {
    const init = await sh(aliceNode1, 'docker swarm init --advertise-addr eth0 >/dev/null && docker swarm join-token -q worker');
    expect(init.exitCode, init.output).toBe(0);
    const join = await sh(aliceNode2, `docker swarm join --token ${init.output.trim()} node1:2377`);
    expect(join.output).toMatch(/This node joined a swarm/);
    const service = await sh(
      aliceNode1,
      // No Docker Hub to resolve a digest against: --no-resolve-image, as the lab will say.
        'docker service create --no-resolve-image --detach --name web --replicas 2 busybox sleep 3600 >/dev/null; ' +
        'for i in $(seq 60); do [ "$(docker service ps web --filter desired-state=running --format "{{.CurrentState}}" | grep -c Running)" = 2 ] && break; sleep 1; done; ' +
        'docker node ls --format "{{.Hostname}}" | sort | tr "\\n" " "; ' +
        'docker service ps web --filter desired-state=running --format "{{.Node}} {{.CurrentState}}"',
    );
    expect(service.output).toMatch(/node1 node2/);
    expect(service.output).toMatch(/node1 Running/);
    expect(service.output).toMatch(/node2 Running/);
  }, 120_000);
});
