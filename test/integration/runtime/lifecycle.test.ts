/**
 * Sandbox lifecycle and failures against the real engine: limits, destroy (container and
 * volume, idempotent), missing sandboxes, missing images, unreachable engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerSandboxDriver } from '@/runtime/docker/docker-driver';
import { EngineUnavailableError, ImageMissingError, SandboxNotFoundError } from '@/runtime/errors';
import { dockerCli, requireImages, TEST_INSTANCE, testSpec } from './fixtures';

const driver = new DockerSandboxDriver({ instance: TEST_INSTANCE });
const leftovers: string[] = [];

beforeAll(async () => {
  await requireImages();
  await driver.prepare();
});

afterAll(async () => {
  for (const id of leftovers) await driver.destroy(id);
});

async function volumesOf(sessionId: string): Promise<string[]> {
  const { out } = await dockerCli('volume', 'ls', '-q', '--filter', `label=dockyard.session=${sessionId}`);
  return out.split('\n').filter(Boolean);
}

describe('sandbox lifecycle', () => {
  it('applies the spec limits, then destroy removes the container and its volume, twice is fine', async () => {
    const spec = { ...testSpec('worker-2'), limits: { memoryMiB: 512, cpus: 0.5, pids: 256 } };
    const ref = await driver.create(spec);
    leftovers.push(ref.id);
    const { out } = await dockerCli(
      'inspect', '--format', '{{.Config.Hostname}} {{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{.HostConfig.PidsLimit}}', ref.id,
    );
    expect(out.trim()).toBe(`worker-2 ${512 * 1024 * 1024} 500000000 256`);
    expect(await volumesOf(spec.sessionId)).toHaveLength(1);

    await Promise.all([driver.destroy(ref.id), driver.destroy(ref.id)]); // concurrent destroys too
    await driver.destroy(ref.id);

    expect((await dockerCli('container', 'inspect', ref.id)).code).not.toBe(0);
    expect(await volumesOf(spec.sessionId)).toEqual([]);
    expect(await driver.isRunning(ref.id)).toBe(false);
    expect((await driver.list()).some((s) => s.id === ref.id)).toBe(false);
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
    expect(await volumesOf(spec.sessionId)).toEqual([]);
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
