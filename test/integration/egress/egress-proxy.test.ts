/**
 * DOCKYARD_INTERNET=on, the web's side: from a lab node, a login shell's curl reaches an
 * allowlisted host (HTTP and HTTPS) through the host's egress proxy, a host off the list is
 * refused with a French page, and each request is logged with its node's address, which
 * egress-log.sh turns into the session. The proxy never reaches another session's node nor the
 * host's own services. Off (the default), none of it: the proxy's port is closed. Real nodes,
 * real squid; the "internet" is a stand-in web server in a network namespace nodes cannot reach.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { networkInterfaces } from 'node:os';
import { promisify } from 'node:util';
import type { SandboxRef } from '@/runtime/driver';
import { nodeEgressSetup } from '@/runtime/incus/node-egress';
import { requireImages, TEST_INSTANCE, testSpec } from '../runtime/fixtures';
import { testDriver } from '../runtime/test-driver';
import { ACCESS_LOG, DATA_DIR, internetOff, setInternet, STAND_IN_WEB, startStandInWeb, stopStandInWeb } from './internet-fixture';

const run = promisify(execFile);
const POOL = '10.213.0.0/16';
const driver = testDriver(`${TEST_INSTANCE}-egress-${randomUUID().slice(0, 8)}`, { subnetPool: POOL });
const alice = testSpec('node1');
const bob = testSpec('node1');
let aliceNode: SandboxRef;
let bobNode: SandboxRef;
/** A service of the host's own (the Dockyard server, a database…), and one in Bob's node. */
let hostService: Server;
const HOST_PORT = 18_431;

/** A login shell in a node, as the student's terminal and `bash -l` have. */
const login = (node: SandboxRef, script: string) => driver.exec(node.id, ['bash', '-lc', script], { timeoutMs: 60_000 });
/** One of the host's own addresses (not a virtual interface's), where its services listen. */
const hostAddress = (): string =>
  Object.entries(networkInterfaces())
    .filter(([iface]) => !/^(veth|dy|docker|br-|lo)/.test(iface))
    .flatMap(([, addresses]) => (addresses ?? []).filter((a) => a.family === 'IPv4' && !a.internal))[0]?.address ?? '';
const ipOf = async (node: SandboxRef) => (await login(node, "ip -4 -o addr show dev eth0 | awk '{print $4}' | cut -d/ -f1")).output.trim();

beforeAll(async () => {
  await requireImages();
  await startStandInWeb();
  hostService = createServer((_req, res) => res.end('service du serveur\n')).listen(HOST_PORT, '0.0.0.0');
  await internetOff();
  await driver.prepare();
  [aliceNode, bobNode] = await Promise.all([driver.create(alice), driver.create(bob)]);
});

afterAll(async () => {
  await Promise.all([aliceNode, bobNode].map((node) => driver.destroy(node?.id ?? '').catch(() => undefined)));
  await driver.stop?.();
  await internetOff();
  await stopStandInWeb();
  hostService?.close();
});

describe('proxy de sortie (DOCKYARD_INTERNET)', () => {
  it('off: the proxy port is closed and the outside unreachable, even by address', async () => {
    const probe = await login(aliceNode, `curl -s -m 5 -x http://169.254.0.1:3128 http://allowed.example/; echo "proxy exit=$?"
      curl -s -m 5 http://${STAND_IN_WEB}/; echo "direct exit=$?"`);
    expect(probe.output).toContain('proxy exit=7');
    expect(probe.output).toContain('direct exit=7');
  });

  it('on: an allowlisted host answers through the proxy, in HTTP and HTTPS, from a login shell', async () => {
    await setInternet({
      DOCKYARD_INTERNET: 'on',
      DOCKYARD_SANDBOX_SUBNETS: POOL,
      // host.example: allowed, but its name leads to the host itself (a mistake, or a lying DNS).
      DOCKYARD_EGRESS_ALLOW: '+allowed.example,host.example',
      DOCKYARD_EGRESS_HOSTS: `allowed.example=${STAND_IN_WEB},refused.example=${STAND_IN_WEB},host.example=${hostAddress()}`,
    });
    const setup = nodeEgressSetup(POOL);
    for (const node of [aliceNode, bobNode]) {
      const done = await driver.exec(node.id, setup.command, { stdin: setup.stdin, timeoutMs: 10_000 });
      expect(done.exitCode, done.output).toBe(0);
    }
    const http = await login(aliceNode, 'curl -sS -m 10 http://allowed.example/');
    expect(http.output).toBe('Bonjour de allowed.example\n');
    const tls = await login(aliceNode, 'curl -sS -m 10 -k https://allowed.example/');
    expect(tls.output).toBe('Bonjour de allowed.example\n');
    // Package tools read their own files, in any shell.
    const apt = await driver.exec(aliceNode.id, ['apt-config', 'dump', 'Acquire::http::Proxy'], {});
    expect(apt.output).toContain('http://dockyard-egress:3128');
  });

  it('on: a node of a server started with the internet on is set up as it joins its session', async () => {
    const online = testDriver(`${TEST_INSTANCE}-egress-on-${randomUUID().slice(0, 8)}`, { subnetPool: POOL, internet: true });
    await online.prepare();
    const started = performance.now();
    const carol = await online.create({ ...testSpec('node1'), aliases: ['controlplane'], sessionNames: ['node1', 'node2', 'controlplane'] });
    console.info(`[mesure] nœud prêt, Internet ouvert (moteur relancé avec son proxy) : ${Math.round(performance.now() - started)} ms`);
    try {
      const http = await online.exec(carol.id, ['bash', '-lc', 'curl -sS -m 10 http://allowed.example/; echo "no_proxy=$no_proxy"'], {
        timeoutMs: 60_000,
      });
      expect(http.output).toContain('Bonjour de allowed.example\n');
      // The session's own names never go to the proxy.
      expect(http.output).toMatch(/no_proxy=.*,node1,controlplane/);
      // The node's engine too: other registries through the proxy, the session's own direct
      // (node2 has not joined yet, and is named all the same).
      const engine = await online.exec(carol.id, ['docker', 'info', '--format', '{{.HTTPSProxy}} {{.NoProxy}}'], { timeoutMs: 30_000 });
      expect(engine.output).toMatch(/^http:\/\/dockyard-egress:3128 .*,node1,node2,controlplane[,\n]/);
    } finally {
      await online.destroy(carol.id);
      await online.stop();
    }
  });

  it('on: a host off the list is refused with a French message, in HTTP and HTTPS', async () => {
    const http = await login(aliceNode, 'curl -s -m 10 -w "\\nstatus=%{http_code}" http://refused.example/');
    expect(http.output).toContain("Le site refused.example n'est pas dans la liste des sites autorisés");
    expect(http.output).toContain('status=403');
    const tls = await login(aliceNode, 'curl -sS -m 10 -k https://refused.example/ 2>&1');
    expect(tls.output).toMatch(/CONNECT tunnel failed, response 403/);
  });

  it('on: the log names the session of each request, allowed or refused', async () => {
    const address = await ipOf(aliceNode);
    const log = readFileSync(ACCESS_LOG, 'utf8');
    expect(log).toMatch(new RegExp(`${address.replace(/\./g, '\\.')} GET http://allowed\\.example/ 200`));
    const { stdout } = await run('bash', ['runtime/egress/egress-log.sh', alice.sessionId], { env: { ...process.env, DOCKYARD_DATA_DIR: DATA_DIR } });
    expect(stdout).toMatch(new RegExp(`${alice.sessionId}  node1  autorisé  allowed\\.example`));
    expect(stdout).toMatch(new RegExp(`${alice.sessionId}  node1  refusé  refused\\.example:443`));
    expect(stdout).not.toContain(bob.sessionId);
  });

  it("on: the proxy reaches neither another session's node nor the host's services", async () => {
    const bobAddress = await ipOf(bobNode);
    await login(bobNode, "(echo 'chez Bob' > /tmp/index.html; cd /tmp && nohup python3 -m http.server 8080 >/dev/null 2>&1 &) ; sleep 1");
    const host = hostAddress();
    const probe = await login(aliceNode, `for url in http://${bobAddress}:8080/ http://${host}:${HOST_PORT}/ http://169.254.0.1:${HOST_PORT}/ http://host.example/; do
        curl -s -m 5 -o /dev/null -w "$url %{http_code}\\n" --noproxy "" -x http://dockyard-egress:3128 "$url"; done`);
    expect(probe.output).toContain(`http://${bobAddress}:8080/ 403`);
    expect(probe.output).toContain(`http://${host}:${HOST_PORT}/ 403`);
    expect(probe.output).toContain(`http://169.254.0.1:${HOST_PORT}/ 403`);
    expect(probe.output).toContain('http://host.example/ 403');
    // Without the proxy, a session's own nodes and the names it knows are reached directly.
    const env = await login(aliceNode, 'echo "$no_proxy"');
    expect(env.output).toContain('node1');
  });
});
