/**
 * What a lab node can reach, on the real engine: its own session's nodes (by name) and the
 * read-only image mirror on its gateway; not another session, not the host's services (on
 * any of the host's addresses, IPv4 or IPv6), not the internet nor any other private range,
 * and attempts fail at once instead of hanging. Probes target only this machine's own
 * addresses, or addresses nothing on this machine routes to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { SandboxRef } from '@/runtime/driver';
import { killercodaAliases } from '@/server/content/killercoda-hosts';
import { requireImages, TEST_INSTANCE, testSpec } from './fixtures';
import { testDriver } from './test-driver';

const driver = testDriver(`${TEST_INSTANCE}-isolation-${randomUUID().slice(0, 8)}`);
const alice = testSpec('node1');
// The names Killercoda's scenarios use (controlplane, node01, host01…), as a lab start gives them.
const aliases = killercodaAliases(['node1', 'node2', 'node3']);
const made: SandboxRef[] = [];
let aliceNodes: SandboxRef[];
let bobNode1: SandboxRef;
/** Stand-ins for the host's own services (the Dockyard server, a database…). */
let hostServiceV4: Server;
let hostServiceV6: Server;

const sh = async (sandbox: SandboxRef, script: string) => driver.exec(sandbox.id, ['bash', '-c', script], { timeoutMs: 120_000 });
const ipOf = async (sandbox: SandboxRef) => (await sh(sandbox, "ip -4 -o addr show dev eth0 | awk '{print $4}' | cut -d/ -f1")).output.trim();
const gatewayOf = async (sandbox: SandboxRef) => (await sh(sandbox, "ip route | awk '/default/{print $3}'")).output.trim();

/**
 * `curl`'s verdict on each URL, probed side by side from inside a node: its exit code (0 it
 * answered, 6 the name did not resolve, 7 refused or unreachable at once, 28 nothing answered
 * within the 5 s allowed) and the HTTP status.
 */
async function curlFrom(sandbox: SandboxRef, urls: string[]): Promise<Record<string, string>> {
  const probes = urls.map((url, i) => `(curl -gs -m 5 -o /dev/null -w '%{http_code}' '${url}' >/tmp/probe-${i}; echo " exit=$?" >>/tmp/probe-${i}) &`);
  const read = urls.map((_url, i) => `cat /tmp/probe-${i}`);
  const { output } = await sh(sandbox, [...probes, 'wait', ...read].join('\n'));
  const lines = output.trim().split('\n');
  return Object.fromEntries(urls.map((url, i) => [url, lines[i] ?? '']));
}

/** The body the host itself gets from a URL (the control: the service does answer there). */
function fetchFromHost(host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    get({ host, port, path: '/', timeout: 5_000 }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve(body));
    }).on('error', reject);
  });
}

/** Every address of the host, but loopback (which, in a node, is the node's own). */
/**
 * The host's own addresses. Not those of the virtual interfaces nodes and containers come
 * and go with (veth pairs, nodes' routed NICs, Docker's bridges): one can vanish mid-test.
 */
function hostAddresses(family: 'IPv4' | 'IPv6'): Array<{ address: string; iface: string }> {
  return Object.entries(networkInterfaces())
    .filter(([iface]) => !/^(veth|dy|docker|br-)/.test(iface))
    .flatMap(([iface, addresses]) =>
    (addresses ?? []).filter((a) => a.family === family && !a.internal).map((a) => ({ address: a.address, iface })),
  );
}

beforeAll(async () => {
  await requireImages();
  await driver.prepare();
  // A three-node session and another session, all created at once, as a lab start does.
  // Each node is recorded as soon as it exists, so that afterAll removes it even if another fails.
  const create = (spec: typeof alice) => driver.create(spec).then((ref) => (made.push(ref), ref));
  const nodes = await Promise.all([
    create({ ...alice, aliases: aliases[0] }),
    create({ ...alice, node: 'node2', aliases: aliases[1] }),
    create({ ...alice, node: 'node3', aliases: aliases[2] }),
    create(testSpec('node1')),
  ]);
  aliceNodes = nodes.slice(0, 3);
  bobNode1 = nodes[3]!;
  // Bob publishes a web page, as a student doing the nginx lab would.
  const served = await sh(
    bobNode1,
    'mkdir -p /www && echo page-de-bob > /www/index.html && docker run -d -p 8081:8081 -v /www:/www busybox httpd -f -p 8081 -h /www',
  );
  expect(served.exitCode, served.output).toBe(0);
  hostServiceV4 = createServer((_req, res) => res.end('secret de l’hôte'));
  await new Promise<void>((resolve) => hostServiceV4.listen(0, '0.0.0.0', resolve));
  hostServiceV6 = createServer((_req, res) => res.end('secret de l’hôte (IPv6)'));
  await new Promise<void>((resolve) => hostServiceV6.listen({ port: 0, host: '::', ipv6Only: true }, resolve));
});

afterAll(async () => {
  await Promise.all(made.map((s) => driver.destroy(s.id)));
  await driver.stop();
  hostServiceV4?.close();
  hostServiceV6?.close();
});

describe('a session’s network', () => {
  it('lets every node of a session reach every other by name, all three created at once', async () => {
    for (const from of aliceNodes) {
      const ping = await sh(from, 'for n in node1 node2 node3; do ping -c1 -W2 $n >/dev/null && echo "$n joignable"; done');
      expect(ping.output, `depuis ${from.node}`).toBe('node1 joignable\nnode2 joignable\nnode3 joignable\n');
    }
  });

  it('gives every node the names Killercoda’s scenarios use: controlplane, node01, node02, host01…', async () => {
    const ips = await Promise.all(aliceNodes.map(ipOf));
    const names = 'controlplane node01 node02 host01 host02 host03';
    const seen = await sh(aliceNodes[1]!, `for n in ${names}; do echo "$n $(getent hosts $n | awk '{print $1}')"; done`);
    expect(seen.output).toBe(
      `controlplane ${ips[0]}\nnode01 ${ips[1]}\nnode02 ${ips[2]}\nhost01 ${ips[0]}\nhost02 ${ips[1]}\nhost03 ${ips[2]}\n`,
    );
  });

  it('lets root ssh from any node of a session to any other, by any of its names, without a question', async () => {
    // BatchMode: a password or host key question would fail the command instead of waiting.
    const ssh = (from: SandboxRef, to: string) => sh(from, `ssh -o BatchMode=yes ${to} 'echo "$(whoami)@$(hostname)"'`);
    const seen = await Promise.all([ssh(aliceNodes[0]!, 'node01'), ssh(aliceNodes[2]!, 'controlplane'), ssh(aliceNodes[1]!, 'node3')]);
    expect(seen.map((r) => `${r.exitCode} ${r.output.trim()}`)).toEqual(['0 root@node2', '0 root@node1', '0 root@node3']);
  });

  it('trusts the keys of its own session’s nodes only: another session’s key opens nothing here', async () => {
    const key = (node: SandboxRef) => sh(node, 'cat /root/.ssh/id_ed25519.pub').then((r) => r.output.trim());
    const aliceKeys = await Promise.all(aliceNodes.map(key));
    const bobKey = await key(bobNode1);
    for (const k of [...aliceKeys, bobKey]) expect(k).toMatch(/^ssh-ed25519 /);
    // Each node its own key pair: no private key travels between nodes.
    expect(new Set([...aliceKeys, bobKey]).size).toBe(4);
    for (const node of aliceNodes) {
      const trusted = (await sh(node, 'cat /root/.ssh/authorized_keys')).output.trim().split('\n');
      expect(trusted.sort()).toEqual([...aliceKeys].sort());
    }
  });

  it('keeps another session’s node out of reach, its web page and its sshd included', async () => {
    const bobIp = await ipOf(bobNode1);
    const ping = await sh(aliceNodes[0]!, `ping -c1 -W2 ${bobIp} >/dev/null 2>&1 && echo joignable || echo injoignable`);
    expect(ping.output.trim()).toBe('injoignable');
    const page = await curlFrom(aliceNodes[0]!, [`http://${bobIp}:8081/`]);
    expect(page[`http://${bobIp}:8081/`]).toBe('000 exit=7');
    const ssh = await sh(aliceNodes[0]!, `ssh -o BatchMode=yes -o ConnectTimeout=5 ${bobIp} true 2>&1; echo "exit=$?"`);
    expect(ssh.output).toMatch(/exit=255\n$/);
  });

  it('still lets the server on the host reach a node’s port (answers go back)', async () => {
    const ip = await ipOf(bobNode1);
    await expect.poll(async () => (await fetchFromHost(ip, 8081).catch(() => '')).trim(), { timeout: 10_000 }).toBe('page-de-bob');
  });
});

describe('the host', () => {
  it('refuses, at once, every IPv4 connection to its services, on every host address', async () => {
    const port = (hostServiceV4.address() as AddressInfo).port;
    const addresses = [...new Set([await gatewayOf(aliceNodes[0]!), ...hostAddresses('IPv4').map((a) => a.address)])];
    // The control: the service does answer on each of these addresses.
    for (const address of addresses) expect(await fetchFromHost(address, port), address).toBe('secret de l’hôte');
    const seen = await curlFrom(aliceNodes[0]!, addresses.map((address) => `http://${address}:${port}/`));
    for (const verdict of Object.values(seen)) expect(verdict).toBe('000 exit=7');
  });

  it('answers nothing in IPv6, on any host address, even to a node that routes IPv6 to it itself', async () => {
    const port = (hostServiceV6.address() as AddressInfo).port;
    const addresses = hostAddresses('IPv6');
    expect(addresses.length).toBeGreaterThan(0);
    const target = ({ address, iface }: { address: string; iface: string }) =>
      address.startsWith('fe80:') ? { host: `${address}%${iface}`, inNode: `${address}%eth0` } : { host: address, inNode: address };
    // The control: the service does answer on each of these addresses (global, ULA, link-local).
    for (const a of addresses) expect(await fetchFromHost(target(a).host, port), a.address).toBe('secret de l’hôte (IPv6)');
    const urls = addresses.map((a) => `http://[${target(a).inNode.replace('%', '%25')}]:${port}/`);

    // As the node is: no IPv6 route out of it, so each attempt fails at once.
    const asIs = await curlFrom(aliceNodes[0]!, urls.filter((url) => !url.includes('%25')));
    for (const verdict of Object.values(asIs)) expect(verdict).toBe('000 exit=7');

    // Root in the node may route IPv6 to the host anyway (on-link, to the gateway's MAC): still nothing.
    const gateway = await gatewayOf(aliceNodes[0]!);
    const routed = await sh(
      aliceNodes[0]!,
      `ping -c1 -W1 ${gateway} >/dev/null 2>&1; mac=$(ip neigh show ${gateway} | awk '{print $5}'); ` +
        addresses.map(({ address }) => `ip -6 neigh replace ${address} lladdr "$mac" dev eth0 nud permanent; ip -6 route replace ${address} dev eth0;`).join(' ') +
        ' echo routé',
    );
    expect(routed.output).toContain('routé');
    const seen = await curlFrom(aliceNodes[0]!, urls);
    // Refused (7) or silently dropped (28): either way tried, and nothing answered.
    for (const verdict of Object.values(seen)) expect(verdict).toMatch(/^000 exit=(7|28)$/);
  });

  it('lets a node open one port on its gateway: the registry mirror’s', async () => {
    const mirror = await curlFrom(aliceNodes[0]!, ['http://dockyard-registry:5001/v2/']);
    expect(mirror['http://dockyard-registry:5001/v2/']).toBe('200 exit=0');
  });
});

describe('the outside world', () => {
  it('has no internet nor other private range: connections and lookups fail at once, not after a wait', async () => {
    const urls = [
      'http://1.1.1.1/',
      'http://8.8.8.8:53/',
      'http://10.0.0.1/',
      'http://172.16.0.1/',
      'http://192.168.1.1/',
      'http://100.64.0.1/',
      `http://${await ipOf(bobNode1)}:8081/`,
    ];
    const seen = await curlFrom(aliceNodes[0]!, [...urls, 'http://example.com/']);
    // exit 7: refused or unreachable at once; a silent drop would be exit 28 after 5 s.
    for (const url of urls) expect(seen[url], url).toBe('000 exit=7');
    // exit 6: the name did not resolve (the gateway refuses DNS at once).
    expect(seen['http://example.com/']).toBe('000 exit=6');
  });
});

describe('the image mirror', () => {
  it('serves images to the inner engine but refuses a push', async () => {
    const pushed = await sh(
      aliceNodes[0]!,
      'docker pull busybox >/dev/null && docker tag busybox dockyard-registry:5001/library/hello-world && docker push dockyard-registry:5001/library/hello-world 2>&1; echo "code=$?"',
    );
    expect(pushed.output).toContain('code=');
    expect(pushed.output).not.toContain('code=0');
    const hello = await sh(aliceNodes[1]!, 'docker run --rm hello-world');
    expect(hello.output).toContain('Bonjour de Dockyard');
  });
});

describe('orchestration across the nodes of a session', () => {
  it('forms a swarm: init on node1, join from node2, a replicated service spreads', async () => {
    const [node1, node2] = aliceNodes as [SandboxRef, SandboxRef];
    const init = await sh(node1, 'docker swarm init --advertise-addr eth0 >/dev/null && docker swarm join-token -q worker');
    expect(init.exitCode, init.output).toBe(0);
    const join = await sh(node2, `docker swarm join --token ${init.output.trim()} node1:2377`);
    expect(join.output).toMatch(/This node joined a swarm/);
    const service = await sh(
      node1,
      // No Docker Hub to resolve a digest against: --no-resolve-image, as the lab says.
      'docker service create --no-resolve-image --detach --name web --replicas 2 busybox sleep 3600 >/dev/null; ' +
        'for i in $(seq 60); do [ "$(docker service ps web --filter desired-state=running --format "{{.CurrentState}}" | grep -c Running)" = 2 ] && break; sleep 1; done; ' +
        'docker node ls --format "{{.Hostname}}" | sort | tr "\\n" " "; ' +
        'docker service ps web --filter desired-state=running --format "{{.Node}} {{.CurrentState}}"',
    );
    expect(service.output).toMatch(/node1 node2/);
    expect(service.output).toMatch(/node1 Running/);
    expect(service.output).toMatch(/node2 Running/);
  }, 180_000);
});
