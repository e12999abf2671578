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
import { DockerSandboxDriver } from '@/runtime/docker/docker-driver';
import type { SandboxRef } from '@/runtime/driver';
import { recordShell, requireImages, TEST_INSTANCE, testSpec } from '../integration/runtime/fixtures';

const run = promisify(execFile);
const driver = new DockerSandboxDriver({ instance: TEST_INSTANCE });
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

describe('root in the sandbox is nobody on the host', () => {
  it('runs the student’s processes as uid 100000 on the host', async () => {
    await inSandbox('(sleep 300 &) ; true');
    const { stdout } = await run('docker', ['top', sandbox.id, '-o', 'pid,uid,args']);
    const sleeper = stdout.split('\n').find((line) => line.includes('sleep 300'));
    expect(sleeper?.trim().split(/\s+/)[1]).toBe('100000');
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
    expect(/^Uid:\s+(\d+)/m.exec(status)?.[1]).toBe('100000');
    // In the sandbox's pids and memory cgroups: its limits count this process.
    const cgroups = await readFile(`/proc/${stdout.trim()}/cgroup`, 'utf8');
    expect(cgroups).toMatch(new RegExp(`:pids:/docker/${sandbox.id}/`));
    expect(cgroups).toMatch(new RegExp(`:memory:/docker/${sandbox.id}/`));
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
    // Holding the capability would reach the module loader ("Invalid module format").
    expect(output).toMatch(/not permitted/i);
    expect(output).toContain('code=1');
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
