/**
 * Escape probes against a real sandbox: the student is root inside, and tries the known ways
 * out of a container. Each must fail, and leave the host unchanged. The same probes run from
 * a --privileged container of the sandbox's own engine, which holds every capability the
 * sandbox's root can hand out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { SandboxRef } from '@/runtime/driver';
import { recordShell, requireImages, testSpec } from '../integration/runtime/fixtures';
import { testDriver } from '../integration/runtime/test-driver';
import { hostUidRange } from './node-on-host';

const run = promisify(execFile);
const driver = testDriver();
let sandbox: SandboxRef;

const inSandbox = async (script: string) =>
  (await driver.exec(sandbox.id, ['bash', '-c', script], { timeoutMs: 60_000 })).output;
/** Runs a script in a --privileged container of the sandbox's own Docker engine. */
const inPrivilegedContainer = (script: string) =>
  inSandbox(`docker run --rm --privileged -v /:/node busybox sh -c '${script.replace(/'/g, `'"'"'`)}'`);

/** The host's root disk, as "major minor" in decimal. */
async function hostRootDisk(): Promise<string> {
  const { stdout } = await run('findmnt', ['-n', '-o', 'SOURCE', '/']);
  const { rdev } = await stat(stdout.trim());
  return `${Math.floor(rdev / 256)} ${rdev % 256}`;
}

beforeAll(async () => {
  await requireImages();
  sandbox = await driver.create(testSpec('node1'));
});

afterAll(async () => {
  if (sandbox) await driver.destroy(sandbox.id);
});

/** The host uid the node's root maps to. */
const hostUidOfRoot = async () => (await hostUidRange(sandbox.id))[0];

describe('root in the sandbox is nobody on the host', () => {
  it('runs the student’s processes as an unprivileged uid on the host', async () => {
    const marker = 4100 + Math.floor(Math.random() * 99);
    await inSandbox(`(sleep ${marker} &) ; true`);
    const { stdout } = await run('pgrep', ['-f', `^sleep ${marker}$`]);
    const status = await readFile(`/proc/${stdout.trim()}/status`, 'utf8');
    const hostUid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
    expect(hostUid).toBe(await hostUidOfRoot());
    // Far above any uid of the host's own users and services (Incus gives ranges from 1000000).
    expect(hostUid).toBeGreaterThanOrEqual(1_000_000);
    expect(await inSandbox('id -u')).toBe('0\n');
  });

  it('runs what is typed in a terminal as the node’s root, inside the sandbox’s limits', async () => {
    const shell = await driver.attachShell(sandbox.id, { cols: 80, rows: 24 });
    const screen = recordShell(shell);
    const marker = 4200 + Math.floor(Math.random() * 99);
    shell.write(`sleep ${marker} & sleep 0.5; echo LAN""CÉ\r`);
    await screen.waitFor(/LANCÉ\r?\n/);
    const { stdout } = await run('pgrep', ['-f', `^sleep ${marker}$`]);
    const status = await readFile(`/proc/${stdout.trim()}/status`, 'utf8');
    expect(Number(/^Uid:\s+(\d+)/m.exec(status)?.[1])).toBe(await hostUidOfRoot());
    // In the node's pids and memory cgroups: its limits count this process.
    const cgroups = await readFile(`/proc/${stdout.trim()}/cgroup`, 'utf8');
    expect(cgroups).toMatch(new RegExp(`:pids:/lxc\\.payload\\.${sandbox.id}(/|$)`, 'm'));
    expect(cgroups).toMatch(new RegExp(`:memory:/lxc\\.payload\\.${sandbox.id}(/|$)`, 'm'));
    shell.kill();
  });

  it('cannot create a device node for the host’s disk, nor mount it', async () => {
    const disk = await hostRootDisk();
    expect(await inSandbox(`mknod /tmp/disque b ${disk} 2>&1; echo "code=$?"`)).toMatch(/not permitted[\s\S]*code=1/);
    const privileged = await inPrivilegedContainer(`mknod /tmp/disque b ${disk} && mount /tmp/disque /mnt && echo MONTÉ; ls /mnt | head -3`);
    expect(privileged).not.toContain('MONTÉ');
  });

  it('cannot change the host kernel’s settings, even through a fresh /proc', async () => {
    const before = await readFile('/proc/sys/kernel/core_pattern', 'utf8');
    const probe = `mkdir -p /tmp/p && mount -t proc proc /tmp/p && for f in kernel/core_pattern kernel/modprobe kernel/panic vm/drop_caches; do (echo "|/tmp/evil" > /tmp/p/sys/$f) 2>/dev/null && echo "ÉCRIT $f"; done; echo fini`;
    for (const output of [await inSandbox(probe), await inPrivilegedContainer(probe)]) {
      expect(output).toContain('fini');
      expect(output).not.toContain('ÉCRIT');
    }
    expect(await readFile('/proc/sys/kernel/core_pattern', 'utf8')).toBe(before);
  });

  it('cannot load a kernel module', async () => {
    const output = await inPrivilegedContainer('echo pas-un-module > /m.ko; insmod /m.ko 2>&1; echo "code=$?"');
    // Reaching the module loader would say "Invalid module format": the call is refused before
    // (Incus's seccomp policy answers ENOSYS to init_module and finit_module).
    expect(output).not.toMatch(/invalid module format/i);
    expect(output).toMatch(/not permitted|does not support/i);
    expect(output).not.toContain('code=0');
  });

  it('cannot set a cgroup release_agent to run a program on the host', async () => {
    const probe =
      'mkdir -p /tmp/cg && mount -t cgroup -o none,name=evasion cgroup /tmp/cg 2>/dev/null && { echo MONTÉ; (echo /tmp/evil > /tmp/cg/release_agent) 2>/dev/null && echo ÉCRIT; }; echo fini';
    for (const output of [await inSandbox(probe), await inPrivilegedContainer(probe)]) {
      expect(output).toContain('fini');
      expect(output).not.toMatch(/MONTÉ|ÉCRIT/);
    }
  });

  it('sees none of the host’s files, even with / mounted into a --privileged container', async () => {
    const marker = `/tmp/dockyard-marker-${randomUUID()}`;
    await writeFile(marker, 'secret de l’hôte');
    try {
      expect(await inSandbox(`cat ${marker} /proc/*/root${marker} 2>/dev/null; echo fini`)).toBe('fini\n');
      expect(await inPrivilegedContainer(`cat /node${marker} 2>/dev/null; echo fini`)).toBe('fini\n');
    } finally {
      await rm(marker, { force: true });
    }
  });
});
