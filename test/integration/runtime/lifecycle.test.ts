/**
 * Sandbox lifecycle and failures against the real engine: limits, destroy (container and
 * disk, idempotent), missing sandboxes, missing images, unreachable engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { DOCKER_DRIVER_DEFAULTS, DockerSandboxDriver } from '@/runtime/docker/docker-driver';
import { EngineUnavailableError, ImageMissingError, SandboxNotFoundError } from '@/runtime/errors';
import { dockerCli, requireImages, TEST_INSTANCE, testSpec } from './fixtures';

const run = promisify(execFile);
const driver = new DockerSandboxDriver({ instance: TEST_INSTANCE });
const leftovers: string[] = [];

beforeAll(async () => {
  await requireImages();
  await driver.prepare();
});

afterAll(async () => {
  for (const id of leftovers) await driver.destroy(id);
});

/** The node disks (image files and mount points) a session's sandboxes left on the host. */
async function disksOf(sessionId: string): Promise<string[]> {
  const entries = await readdir(path.join(DOCKER_DRIVER_DEFAULTS.diskDir, TEST_INSTANCE)).catch(() => [] as string[]);
  const { stdout } = await run('findmnt', ['-rn', '-o', 'TARGET']);
  const mounts = stdout.split('\n').filter((target) => target.includes(`dockyard-${sessionId}-`));
  return [...entries.filter((entry) => entry.startsWith(`dockyard-${sessionId}-`)), ...mounts];
}

describe('sandbox lifecycle', () => {
  it('applies the spec limits, then destroy removes the container and its disk, twice is fine', async () => {
    const spec = { ...testSpec('worker-2'), limits: { memoryMiB: 512, cpus: 0.5, pids: 256, diskGiB: 1 } };
    const ref = await driver.create(spec);
    leftovers.push(ref.id);
    const { out } = await dockerCli(
      'inspect', '--format', '{{.Config.Hostname}} {{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{.HostConfig.PidsLimit}}', ref.id,
    );
    expect(out.trim()).toBe(`worker-2 ${512 * 1024 * 1024} 500000000 256`);
    expect(await disksOf(spec.sessionId)).toHaveLength(3); // image file, mount point, mount
    const size = await driver.exec(ref.id, ['sh', '-c', "df -P -BM / | tail -n 1 | awk '{print $2}'"]);
    expect(Number(size.output.trim().replace('M', ''))).toBeGreaterThan(900);
    expect(Number(size.output.trim().replace('M', ''))).toBeLessThanOrEqual(1024);

    await Promise.all([driver.destroy(ref.id), driver.destroy(ref.id)]); // concurrent destroys too
    await driver.destroy(ref.id);

    expect((await dockerCli('container', 'inspect', ref.id)).code).not.toBe(0);
    expect(await disksOf(spec.sessionId)).toEqual([]);
    expect(await driver.isRunning(ref.id)).toBe(false);
    expect((await driver.list()).some((s) => s.id === ref.id)).toBe(false);
  });

  it('removes the disk where the sandbox’s own server made it, even from another data folder', async () => {
    // Two checkouts of one instance (say a clone next to the working copy) keep their disks
    // in their own folders; whichever removes a sandbox must unmount its disk, not leave it.
    const elsewhere = new DockerSandboxDriver({ instance: TEST_INSTANCE, diskDir: '/var/lib/dockyard/disks-other-checkout' });
    const spec = { ...testSpec('worker-3'), limits: { memoryMiB: 256, cpus: 0.5, pids: 128, diskGiB: 1 } };
    const ref = await driver.create(spec);
    leftovers.push(ref.id);
    expect(await disksOf(spec.sessionId)).toHaveLength(3);
    await elsewhere.destroy(ref.id);
    expect(await disksOf(spec.sessionId)).toEqual([]);
  });

  it('raises SandboxNotFoundError for a sandbox that does not exist', async () => {
    const missing = 'f'.repeat(64);
    await expect(driver.exec(missing, ['true'])).rejects.toBeInstanceOf(SandboxNotFoundError);
    await expect(driver.attachShell(missing, { cols: 80, rows: 24 })).rejects.toBeInstanceOf(SandboxNotFoundError);
    await expect(driver.destroy(missing)).resolves.toBeUndefined();
    expect(await driver.isRunning(missing)).toBe(false);
  });

  it('refuses to destroy a container Dockyard does not manage (the registry)', async () => {
    await expect(driver.destroy('dockyard-registry')).rejects.toBeInstanceOf(SandboxNotFoundError);
    expect((await dockerCli('container', 'inspect', 'dockyard-registry')).code).toBe(0);
  });

  it('raises ImageMissingError, in French, and leaves nothing behind', async () => {
    const spec = { ...testSpec('node1'), image: 'dockyard/absente:latest' };
    const error = await driver.create(spec).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ImageMissingError);
    expect((error as Error).message).toContain('build-all.sh');
    expect(await disksOf(spec.sessionId)).toEqual([]);
  });
});

describe('engine unavailable', () => {
  it('says to start Dockyard when the Docker socket does not answer', async () => {
    const offline = new DockerSandboxDriver({ socketPath: '/tmp/dockyard-pas-de-docker.sock' });
    const error = await offline.prepare().catch((err: unknown) => err);
    expect(error).toBeInstanceOf(EngineUnavailableError);
    expect((error as Error).message).toMatch(/Le moteur Docker ne répond pas : lancez \.\/dockyard start/);
    await expect(offline.list()).rejects.toBeInstanceOf(EngineUnavailableError);
    await expect(offline.exec('abc', ['true'])).rejects.toBeInstanceOf(EngineUnavailableError);
  });
});
