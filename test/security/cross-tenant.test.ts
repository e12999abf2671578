/**
 * The security review's cross-tenant attacks (issue 9), replayed against Incus nodes: two
 * students, each root in a node of their own, try to reach each other through what the
 * runtime hands them: descriptors inherited by their shells and checks, programs of their
 * node run from outside it, a shared uid range, signals, IPv6 to the host.
 * On the hand-made jail (951f5bb) a shell held other students' PTY masters, the node's own
 * `nsenter` ran with a host PID, and every node's root was host uid 100000.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readlink } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { networkInterfaces } from 'node:os';
import { promisify } from 'node:util';
import type { SandboxRef, Shell } from '@/runtime/driver';
import { recordShell, requireImages, testSpec } from '../integration/runtime/fixtures';
import { testDriver } from '../integration/runtime/test-driver';
import { hostUidRange, nodeInitPid } from './node-on-host';

const run = promisify(execFile);
const driver = testDriver();
const made: SandboxRef[] = [];
const shells: Shell[] = [];
let alice: SandboxRef;
let bob: SandboxRef;

const inNode = async (node: SandboxRef, script: string) =>
  (await driver.exec(node.id, ['bash', '-c', script], { timeoutMs: 60_000 })).output;

/** A terminal of `node`, as the gateway opens it, and a way to run a command in it. */
async function terminal(node: SandboxRef) {
  const shell = await driver.attachShell(node.id, { cols: 200, rows: 50 });
  shells.push(shell);
  const screen = recordShell(shell);
  // Keys sent before tmux's client takes the terminal are flushed with its cooked-mode input
  // (seen once under load): type only once the prompt is drawn.
  await screen.waitFor(/# /, 30_000);
  return {
    async type(command: string): Promise<string> {
      const end = `fin-${randomUUID().slice(0, 8)}`;
      shell.write(`${command}; echo ${end.slice(0, 4)}""${end.slice(4)}\r`);
      const text = await screen.waitFor(new RegExp(`[\\s\\S]*${end}\\r?\\n`));
      return text.slice(0, text.lastIndexOf(end));
    },
  };
}

/** "fd target" lines of `ls -l /proc/PID/fd`, for the listing's parent shell ($$). */
// No pipe: while bash builds a pipeline it holds both of its ends itself for a moment, and
// `ls` could list them (seen under load as descriptors 3 and 4).
const FDS_OF_SHELL = `ls -l /proc/$$/fd >/tmp/fds-$$; awk 'NR > 1 {print $9, $11}' /tmp/fds-$$`;

function descriptors(listing: string): Map<number, string> {
  // eslint-disable-next-line no-control-regex -- a terminal's screen: drop its escape sequences
  const lines = listing.replace(/\x1b\[[0-9;?]*[a-zA-Z]|\x1b\([0-9A-Z]/g, '').split(/\r?\n/).map((line) => /^(\d+) (\S+)/.exec(line.trim())).filter((m) => m !== null);
  return new Map(lines.map((m) => [Number(m[1]), m[2] ?? '']));
}

beforeAll(async () => {
  await requireImages();
  // Alice's node and terminal first: the review's leak handed earlier terminals to later shells.
  alice = await driver.create(testSpec('node1'));
  made.push(alice);
  await (await terminal(alice)).type('echo alice');
  bob = await driver.create(testSpec('node1'));
  made.push(bob);
});

afterAll(async () => {
  for (const shell of shells) shell.detach();
  await Promise.all(made.map((node) => driver.destroy(node.id)));
});

describe('descriptors: a student’s processes hold only their own', () => {
  it('a shell holds its own terminal and nothing else, with another student’s terminal open', async () => {
    const fds = descriptors(await (await terminal(bob)).type(FDS_OF_SHELL));
    expect([...fds.keys()].sort((a, b) => a - b)).toEqual([0, 1, 2, 255]);
    const tty = fds.get(0);
    expect(tty).toMatch(/^\/dev\/pts\/\d+$/);
    for (const target of fds.values()) expect(target).toBe(tty);
  });

  it('a check’s process holds only its standard streams', async () => {
    const fds = descriptors(await inNode(bob, FDS_OF_SHELL));
    expect([...fds.keys()].sort((a, b) => a - b)).toEqual([0, 1, 2]);
  });

  it('the server itself holds no terminal of any node (no PTY on the host)', async () => {
    await terminal(alice);
    await terminal(bob);
    const fds = await readdir(`/proc/${process.pid}/fd`);
    const targets = await Promise.all(fds.map((fd) => readlink(`/proc/${process.pid}/fd/${fd}`).catch(() => '')));
    expect(targets.filter((target) => /^\/dev\/(ptmx|pts\/)/.test(target))).toEqual([]);
  });
});

describe('a node’s programs run only inside that node', () => {
  it('a replaced sh, bash, tmux, timeout or nsenter is never run outside the node', async () => {
    const log = `/tmp/dockyard-ran-${randomUUID()}`;
    // Each wrapper records the namespaces it runs in, then runs the real program.
    const wrap = (path: string, real: string) =>
      `printf '#!/usr/bin/dash\\necho "$(readlink /proc/self/ns/pid) $(readlink /proc/self/ns/user) %s" >> ${log}\\nexec %s "$@"\\n' '${path}' '${real}' > ${path}.wrap && chmod 755 ${path}.wrap`;
    await inNode(
      alice,
      [
        `${wrap('/usr/bin/sh', '/usr/bin/dash')} && mv -f /usr/bin/sh.wrap /usr/bin/sh`,
        ...['bash', 'tmux', 'timeout', 'nsenter'].map(
          (name) => `mv /usr/bin/${name} /usr/bin/${name}.real && ${wrap(`/usr/bin/${name}`, `/usr/bin/${name}.real`)} && mv /usr/bin/${name}.wrap /usr/bin/${name}`,
        ),
      ].join(' && '),
    );
    // What the server does with a node: a new terminal (the old one ends first), a check with
    // a deadline, and a second node joining the session (its names written in every node).
    shells.splice(0).forEach((shell) => shell.kill());
    await new Promise((r) => setTimeout(r, 500));
    await (await terminal(alice)).type('nsenter --version >/dev/null');
    await driver.exec(alice.id, ['sh', '-c', 'true'], { timeoutMs: 10_000 });
    made.push(await driver.create({ ...testSpec('node2'), sessionId: (await driver.list()).find((s) => s.id === alice.id)?.sessionId ?? '' }));

    expect(existsSync(log), 'un programme du nœud a tourné sur l’hôte').toBe(false);
    const ran = (await inNode(alice, `cat ${log}`)).trim().split('\n');
    const initPid = await nodeInitPid(alice.id);
    const nodeNamespaces = `${await readlink(`/proc/${initPid}/ns/pid`)} ${await readlink(`/proc/${initPid}/ns/user`)}`;
    expect(ran.length).toBeGreaterThan(3);
    for (const program of ['/usr/bin/sh', '/usr/bin/bash', '/usr/bin/tmux', '/usr/bin/timeout', '/usr/bin/nsenter']) {
      expect(ran.some((line) => line.endsWith(` ${program}`)), program).toBe(true);
    }
    for (const line of ran) expect(line).toBe(`${nodeNamespaces} ${line.split(' ')[2]}`);
    expect(nodeNamespaces).not.toContain(await readlink('/proc/self/ns/pid'));
  });

  it('two students’ nodes never share a host uid range', async () => {
    const [aliceFirst, aliceCount] = await hostUidRange(alice.id);
    const [bobFirst, bobCount] = await hostUidRange(bob.id);
    expect(aliceCount).toBeGreaterThanOrEqual(65_536);
    expect(aliceFirst + aliceCount <= bobFirst || bobFirst + bobCount <= aliceFirst).toBe(true);
    // Far from the host's own users and services, and from the old jail's shared 100000.
    expect(Math.min(aliceFirst, bobFirst)).toBeGreaterThanOrEqual(1_000_000);
  });

  it('a student cannot signal another student’s processes, even by broadcasting', async () => {
    const marker = 5100 + Math.floor(Math.random() * 99);
    await inNode(bob, `(sleep ${marker} &); true`);
    const { stdout } = await run('pgrep', ['-f', `^sleep ${marker}$`]);
    const bobsSleep = stdout.trim();
    // A node of its own: signalling every process it can see takes that node down.
    const carol = await driver.create(testSpec('node1'));
    made.push(carol);
    const tried = await inNode(carol, `kill -0 ${bobsSleep} 2>&1; echo "code=$?"; setsid sh -c 'kill -TERM -1' ; echo envoyé`);
    expect(tried).toMatch(/No such process[\s\S]*code=1/);
    await new Promise((r) => setTimeout(r, 500));
    expect(existsSync(`/proc/${bobsSleep}`)).toBe(true);
  });
});

describe('a node cannot pose as another', () => {
  it('delivers nothing to another session’s node from an address of that session (spoofed source)', async () => {
    // Bob's node listens for one UDP datagram. Alice's root takes an address in Bob's /26
    // (the host forwards within a /26) and sends from it: one-way, no reply needed, so only
    // the host's reverse-path check stands in the way.
    const bobAddress = (await driver.endpoint(bob.id, 9999)).host;
    const listen = inNode(bob, `python3 -c "import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('0.0.0.0', 9999)); s.settimeout(6)
try: print('REÇU', s.recvfrom(100))
except socket.timeout: print('rien reçu')"`);
    await new Promise((r) => setTimeout(r, 1_000));
    const forged = bobAddress.replace(/\.(\d+)$/, (_, last: string) => `.${Number(last) + 20}`);
    await inNode(
      alice,
      `ip addr add ${forged}/32 dev eth0; python3 -c "import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('${forged}', 0)); [s.sendto(b'usurpe', ('${bobAddress}', 9999)) for _ in range(5)]"; ip addr del ${forged}/32 dev eth0`,
    );
    expect((await listen).trim()).toBe('rien reçu');
  });
});

describe('SSH: a student reaches only their own session’s machines', () => {
  it('another session’s sshd refuses Bob at once, and no key nor host key is shared across sessions', async () => {
    // Every node runs sshd for `ssh node01` within its session (runtime/incus/session-ssh.ts).
    const aliceAddress = (await driver.endpoint(alice.id, 22)).host;
    const attempt = await inNode(bob, `ssh -o BatchMode=yes -o ConnectTimeout=5 root@${aliceAddress} true 2>&1; echo "exit=$?"`);
    expect(attempt).toMatch(/Connection refused[\s\S]*exit=255\n$/);
    const keysOf = async (node: SandboxRef) =>
      (await inNode(node, 'cat /root/.ssh/id_ed25519.pub /etc/ssh/ssh_host_ed25519_key.pub')).trim().split('\n');
    const [aliceKeys, bobKeys] = await Promise.all([keysOf(alice), keysOf(bob)]);
    for (const key of [...aliceKeys, ...bobKeys]) expect(key).toMatch(/^ssh-ed25519 \S+/);
    expect(aliceKeys[0]).not.toBe(bobKeys[0]);
    expect(aliceKeys[1]).not.toBe(bobKeys[1]);
    const bobKeyBody = bobKeys[0]!.split(' ')[1]!;
    expect(await inNode(alice, 'cat /root/.ssh/authorized_keys')).not.toContain(bobKeyBody);
  });
});

describe('no path to the host over IPv6', () => {
  let listener: Server;
  let port: number;
  let connections = 0;
  const ula = 'fd00:d0c:4a11::1';

  beforeAll(async () => {
    // A host service on every IPv6 address, and a unique-local address the node might route to.
    await run('ip', ['-6', 'addr', 'add', `${ula}/128`, 'dev', 'lo']).catch(() => undefined);
    listener = createServer((socket) => {
      connections += 1;
      socket.end('secret de l’hôte\n');
    });
    await new Promise<void>((resolve) => listener.listen(0, '::', resolve));
    port = (listener.address() as { port: number }).port;
  });

  afterAll(async () => {
    listener?.close();
    await run('ip', ['-6', 'addr', 'del', `${ula}/128`, 'dev', 'lo']).catch(() => undefined);
  });

  it('reaches no host service over IPv6, link-local, unique-local or global, even with a route of its own', async () => {
    const hostAddresses = Object.values(networkInterfaces())
      .flatMap((list) => list ?? [])
      .filter((a) => a.family === 'IPv6' && !a.internal)
      .map((a) => a.address)
      .concat(ula);
    // The node's root adds an IPv6 default route through its bridge, then tries every address
    // (link-local ones on its own link).
    const probe = [
      'ip -6 route add default dev eth0 2>/dev/null || true',
      ...hostAddresses.map((address) => {
        const target = address.startsWith('fe80') ? `${address}%eth0` : address;
        return `(curl -g -s -m 3 "http://[${target}]:${port}/" && echo "JOINT ${address}") &`;
      }),
      'wait',
      'echo fini',
    ].join('\n');
    const output = await inNode(alice, probe);
    expect(output).toContain('fini');
    expect(output).not.toMatch(/JOINT|secret/);
    expect(connections).toBe(0);
  });
});
