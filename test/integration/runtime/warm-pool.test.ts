/**
 * The warm pool against the real engine: a spare node is started ahead of time, handed to
 * the next session as a full member (its name, its network, its session's names, the image
 * mirror) and replaced behind it, within the capacity the server allows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerSandboxDriver } from '@/runtime/docker/docker-driver';
import type { SandboxRef } from '@/runtime/driver';
import { dockerCli, requireImages, SANDBOX_IMAGE, TEST_INSTANCE, testSpec } from './fixtures';

let room = true;
const driver = new DockerSandboxDriver({
  instance: TEST_INSTANCE,
  pool: { size: 1, images: [SANDBOX_IMAGE], hasRoom: async () => room },
});
const made: SandboxRef[] = [];

async function spareReady(timeoutMs = 30_000, of = driver): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((of.spares()[SANDBOX_IMAGE] ?? 0) < 1) {
    if (Date.now() > deadline) throw new Error('aucun nœud de réserve prêt après 30 s');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function spareIds(): Promise<string[]> {
  const { out } = await dockerCli('ps', '-q', '--no-trunc', '--filter', `label=dockyard.instance=${TEST_INSTANCE}`, '--filter', 'name=dockyard-spare-');
  return out.split('\n').filter(Boolean);
}

beforeAll(async () => {
  await requireImages();
  await driver.prepare();
  await spareReady();
});

afterAll(async () => {
  room = false;
  for (const ref of made) await driver.destroy(ref.id);
  for (const id of await spareIds()) await driver.destroy(id);
});

describe('the warm pool', () => {
  it('hands the ready spare to a session, as a full node of it, and starts another', async () => {
    const [spare] = await spareIds();
    const node1 = await driver.create(testSpec('node1'));
    made.push(node1);
    expect(node1.id).toBe(spare);
    // Not a spare any more: the reaper sees it, with its session.
    expect((await driver.list()).find((s) => s.id === node1.id)).toMatchObject({ sessionId: node1.sessionId, node: 'node1' });

    const node2 = await driver.create({ ...testSpec('node2'), sessionId: node1.sessionId });
    made.push(node2);
    const inNode1 = (script: string) => driver.exec(node1.id, ['bash', '-c', script], { timeoutMs: 60_000 });
    expect((await inNode1('hostname')).output.trim()).toBe('node1');
    expect((await inNode1('ping -c1 -W2 node2 >/dev/null && echo joignable')).output).toContain('joignable');
    // The mirror answers at once (no stale name cache in the node's engine).
    expect((await inNode1('docker run --rm hello-world')).output).toContain('Bonjour de Dockyard');

    await spareReady();
    expect(await spareIds()).toHaveLength(1);
    expect(await spareIds()).not.toContain(node1.id);
  });

  it('makes no spare while the server says there is no room', async () => {
    room = false;
    const taken = await driver.create(testSpec('node1'));
    made.push(taken);
    await new Promise((r) => setTimeout(r, 3_000));
    expect(driver.spares()[SANDBOX_IMAGE]).toBe(0);
    expect(await spareIds()).toEqual([]);
  });

  it('removes its spares when the server stops, and leaves the sessions’ nodes running', async () => {
    const other = new DockerSandboxDriver({ instance: TEST_INSTANCE, pool: { size: 1, images: [SANDBOX_IMAGE], hasRoom: async () => true } });
    await other.prepare();
    await spareReady(30_000, other);
    expect(await spareIds()).toHaveLength(1);
    await other.stop();
    expect(await spareIds()).toEqual([]);
    expect(await driver.isRunning(made[0]?.id ?? '')).toBe(true);
  });
});
