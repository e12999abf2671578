/**
 * A real two-member Incus cluster on this machine (test/cluster/cluster-rig.sh: members m1
 * and m2, each an incusd with its own INCUS_DIR in its own network namespace, formed by the
 * operator's scripts runtime/incus/cluster/enable-cluster.sh and add-member.sh), driven as
 * the Dockyard server drives Incus: IncusSandboxDriver on m1's unix socket only, Incus
 * forwarding to m2 what concerns it (creation, exec and its websockets, state).
 *
 * Shown here: an instance asked for on m2 (`--target m2`) lands there; the driver's nodes
 * on m2 run their inner Docker engine and pull `hello-world` offline through m2's own relay
 * of the mirror (none without it); two nodes of one session (one /26) on m2 reach each other
 * by name, while a node of another session on m1 is refused both ways, even though the
 * members route the sessions’ addresses to each other (without the members’ firewalls, it
 * would get through: shown too).
 *
 * The driver puts a session's later nodes on its first node's member (placement of sessions
 * over members: cluster-sessions.test.ts); here sessions are steered with Incus's own
 * `scheduler.instance=manual` on the member that must not get them.
 *
 * The rig is left up afterwards (two idle incusd, no instance): the next run finds it in
 * about 2 s instead of making it again (about 20 s, and 2 × 670 MiB of image copies).
 * DOCKYARD_CLUSTER_RIG_DOWN=1 brings it down after the tests; `bash test/cluster/cluster-rig.sh
 * down` at any time.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxRef } from '@/runtime/driver';
import { IncusSandboxDriver } from '@/runtime/incus/incus-driver';
import { requireImages, SANDBOX_IMAGE, TEST_INSTANCE, testSpec } from '../runtime/fixtures';

const run = promisify(execFile);
const RIG = 'test/cluster/cluster-rig.sh';
const RIG_DIR = process.env.DOCKYARD_CLUSTER_RIG_DIR ?? '/var/lib/dockyard-test-cluster';
const M1 = `${RIG_DIR}/m1`;
const SOCKET = `${M1}/unix.socket`;

const driver = new IncusSandboxDriver({ socketPath: SOCKET, instance: `${TEST_INSTANCE}-cluster` });
const made: SandboxRef[] = [];

/** The incus CLI on the test cluster (through m1's socket): the tests' witness. */
async function incus(...args: string[]): Promise<string> {
  const pending = run('incus', args, { env: { ...process.env, INCUS_DIR: M1 }, maxBuffer: 16 * 1024 * 1024 });
  pending.child.stdin?.end(); // `incus launch` reads a config from a piped standard input
  return (await pending).stdout;
}
const rig = (command: 'up' | 'down') => run('bash', [RIG, command], { maxBuffer: 16 * 1024 * 1024 });
const memberOf = async (name: string) => (await incus('list', name, '-c', 'L', '-f', 'csv')).trim();
const configOf = async (name: string, key: string) => (await incus('config', 'get', name, key)).trim();
const sh = async (node: SandboxRef, script: string) => driver.exec(node.id, ['bash', '-c', script], { timeoutMs: 120_000 });
/** curl's verdict on a URL from inside a node: HTTP status and exit code (7: refused or unreachable at once). */
const curl = async (node: SandboxRef, url: string) =>
  (await sh(node, `curl -gs -m 5 -o /dev/null -w '%{http_code}' '${url}'; echo " exit=$?"`)).output.trim();

/** Only `member` gets the nodes Incus places by itself: the others are set to manual placement. */
async function placeOn(member: 'm1' | 'm2' | 'both'): Promise<void> {
  for (const m of ['m1', 'm2']) {
    if (member === 'both' || member === m) await incus('cluster', 'unset', m, 'scheduler.instance');
    else await incus('cluster', 'set', m, 'scheduler.instance', 'manual');
  }
}

async function create(spec: ReturnType<typeof testSpec>): Promise<SandboxRef> {
  const ref = await driver.create(spec);
  made.push(ref);
  return ref;
}

beforeAll(async () => {
  await requireImages();
  const began = Date.now();
  await rig('up');
  console.info(`cluster de test prêt en ${((Date.now() - began) / 1000).toFixed(1)} s`);
  await driver.prepare();
}, 600_000);

afterAll(async () => {
  await Promise.all(made.map((node) => driver.destroy(node.id).catch(() => undefined)));
  await driver.stop().catch(() => undefined);
  await placeOn('both').catch(() => undefined);
  if (process.env.DOCKYARD_CLUSTER_RIG_DOWN === '1') await rig('down');
}, 300_000);

describe('the test cluster', () => {
  it('has two members online, reached through m1’s socket', async () => {
    expect((await incus('cluster', 'list', '-f', 'csv', '-c', 'n,s')).trim().split('\n')).toEqual(['m1,ONLINE', 'm2,ONLINE']);
  });

  it('puts an instance on the member asked for (--target m2), whose inner engine answers', async () => {
    const name = `dkc-witness-${randomUUID().slice(0, 8)}`;
    try {
      await incus('launch', SANDBOX_IMAGE, name, '--target', 'm2', '--profile', 'dockyard-node');
      expect(await memberOf(name)).toBe('m2');
      expect(await incus('exec', name, '--', 'sh', '-c', 'start-dockerd && docker info --format "{{.Driver}}"')).toBe('overlay2\n');
    } finally {
      await incus('delete', '--force', name).catch(() => undefined);
    }
  });
});

describe('lab nodes on a cluster, through the driver', () => {
  const alice = testSpec('node1');
  let aliceNodes: [SandboxRef, SandboxRef];
  let bob: SandboxRef;

  beforeAll(async () => {
    await placeOn('m2');
    aliceNodes = [await create(alice), await create({ ...alice, node: 'node2' })];
    await placeOn('m1');
    bob = await create(testSpec('node1'));
    await placeOn('both');
    // A web page in each session, as a student's would be.
    for (const node of [aliceNodes[0], bob]) {
      const served = await sh(node, 'mkdir -p /www && echo "page de $(hostname)" >/www/index.html && (setsid python3 -m http.server 8081 -d /www >/dev/null 2>&1 &) && sleep 1');
      expect(served.exitCode, served.output).toBe(0);
    }
  }, 300_000);

  it('places each session where Incus was told to: alice on m2, bob on m1, in two /26s', async () => {
    expect(await Promise.all(aliceNodes.map((node) => memberOf(node.id)))).toEqual(['m2', 'm2']);
    expect(await memberOf(bob.id)).toBe('m1');
    const [aliceSubnet, bobSubnet] = await Promise.all([configOf(aliceNodes[0].id, 'user.dockyard.subnet'), configOf(bob.id, 'user.dockyard.subnet')]);
    expect(aliceSubnet).toMatch(/\/26$/);
    expect(await configOf(aliceNodes[1].id, 'user.dockyard.subnet')).toBe(aliceSubnet);
    expect(bobSubnet).not.toBe(aliceSubnet);
  });

  it('runs the inner Docker engine on m2 and pulls hello-world offline through m2’s relay of the mirror', async () => {
    const [node1] = aliceNodes;
    expect((await sh(node1, 'docker info --format "{{.Driver}} {{.RegistryConfig.Mirrors}}"')).output.trim()).toBe('overlay2 [http://dockyard-registry:5001/]');
    // Offline: nothing outside answers.
    expect(await curl(node1, 'http://1.1.1.1/')).toBe('000 exit=7');
    // Without m2's relay, its nodes reach no mirror at all: the pull goes through it.
    const relay = { ...process.env, DOCKYARD_RUN_DIR: `${RIG_DIR}/m2-run` };
    await run('bash', ['runtime/incus/cluster/mirror-forwarder.sh', '--stop'], { env: relay });
    try {
      expect(await curl(node1, 'http://dockyard-registry:5001/v2/')).toBe('000 exit=7');
    } finally {
      await rig('up'); // puts the relay back (and shows that `up` repairs)
    }
    expect(await curl(node1, 'http://dockyard-registry:5001/v2/')).toBe('200 exit=0');
    const hello = await sh(node1, 'docker pull -q hello-world && docker run --rm hello-world');
    expect(hello.exitCode, hello.output).toBe(0);
    expect(hello.output).toContain('Bonjour de Dockyard');
  });

  it('lets the two nodes of a session on m2 reach each other by name', async () => {
    for (const from of aliceNodes) {
      const ping = await sh(from, 'for n in node1 node2; do ping -c1 -W2 $n >/dev/null && echo "$n joignable"; done');
      expect(ping.output, `depuis ${from.node}`).toBe('node1 joignable\nnode2 joignable\n');
    }
    expect(await curl(aliceNodes[1], 'http://node1:8081/')).toBe('200 exit=0');
  });

  it('refuses, at once and both ways, a node of another session on the other member', async () => {
    const aliceIp = (await driver.endpoint(aliceNodes[0].id, 8081)).host;
    const bobIp = (await driver.endpoint(bob.id, 8081)).host;
    expect(await curl(aliceNodes[0], `http://${bobIp}:8081/`)).toBe('000 exit=7');
    expect(await curl(bob, `http://${aliceIp}:8081/`)).toBe('000 exit=7');
    const ping = await sh(aliceNodes[1], `ping -c1 -W2 ${bobIp} >/dev/null 2>&1 && echo joignable || echo injoignable`);
    expect(ping.output.trim()).toBe('injoignable');
    // The control: the members do route it (the rig's worst case), so the members' own
    // firewalls (host-firewall.sh, in each member's namespace) are what refuse it.
    try {
      for (const ns of ['dkc-m1', 'dkc-m2']) await run('ip', ['netns', 'exec', ns, 'nft', 'delete', 'table', 'inet', 'dockyard']);
      expect(await curl(aliceNodes[0], `http://${bobIp}:8081/`)).toBe('200 exit=0');
    } finally {
      await rig('up'); // installs the tables again
    }
    expect(await curl(aliceNodes[0], `http://${bobIp}:8081/`)).toBe('000 exit=7');
  });
});
