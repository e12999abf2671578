/**
 * The warm pool against the real engine: a spare node is started ahead of time (with no
 * session yet), handed to the next session as a full member (its name, its address in the
 * session's /26, its session's names, the image mirror) and
 * replaced behind it, within the capacity the server allows. The incus CLI witnesses which
 * spares exist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { SandboxRef } from '@/runtime/driver';
import { incusCli, requireImages, SANDBOX_IMAGE, TEST_INSTANCE, testSpec } from './fixtures';
import { testDriver } from './test-driver';

const instance = `${TEST_INSTANCE}-warm-pool-${randomUUID().slice(0, 8)}`;
const otherInstance = `${TEST_INSTANCE}-warm-pool-other-${randomUUID().slice(0, 8)}`;
let room = true;
const driver = testDriver(instance, { spares: { size: 1, images: [SANDBOX_IMAGE], hasRoom: async () => room } });
const other = testDriver(otherInstance, { spares: { size: 1, images: [SANDBOX_IMAGE], hasRoom: async () => true } });
const made: SandboxRef[] = [];

async function spareReady(of = driver, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((of.spares()[SANDBOX_IMAGE] ?? 0) < 1) {
    if (Date.now() > deadline) throw new Error(`aucun nœud de réserve prêt après ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The spare nodes of an instance, as Incus lists them (by their user.dockyard.* keys). */
async function spareIds(of = instance): Promise<string[]> {
  const { code, out } = await incusCli('list', '--format', 'json');
  if (code !== 0) throw new Error(out);
  const instances = JSON.parse(out) as Array<{ name: string; config: Record<string, string> | null }>;
  return instances
    .filter((i) => i.config?.['user.dockyard.instance'] === of && i.config['user.dockyard.spare'] === 'true')
    .map((i) => i.name);
}

beforeAll(async () => {
  await requireImages();
  await driver.prepare();
  await spareReady();
});

afterAll(async () => {
  room = false;
  for (const ref of made) await driver.destroy(ref.id);
  await Promise.all([driver.stop(), other.stop()]);
});

describe('the warm pool', () => {
  it('starts a spare ahead of time, with an address of its own, out of the reaper’s sight', async () => {
    const [spare] = await spareIds();
    expect(spare).toBeDefined();
    const { out: config } = await incusCli('config', 'show', spare!);
    expect(config).toMatch(/^ {2}user\.dockyard\.spare: "true"$/m);
    expect(config).not.toMatch(/user\.dockyard\.session/);
    // A /26 is set aside for it, which becomes its session's if it is the session's first node.
    expect(config).toMatch(/^ {2}user\.dockyard\.subnet: \S+\/26$/m);
    expect(config).toMatch(/^ {2}user\.dockyard\.address: \S+$/m);
    expect((await driver.list()).some((s) => s.id === spare)).toBe(false);
  });

  it('hands the ready spare to a session as a full node of it, and starts another', async () => {
    const [spare] = await spareIds();
    const node1 = await driver.create(testSpec('node1'));
    made.push(node1);
    expect(node1.id).toBe(spare);
    // Not a spare any more: the reaper sees it, with its session.
    expect((await driver.list()).find((s) => s.id === node1.id)).toMatchObject({ sessionId: node1.sessionId, node: 'node1' });
    const { out: config } = await incusCli('config', 'show', node1.id);
    expect(config).toMatch(/^ {2}user\.dockyard\.spare: "false"$/m);
    const address = /^ {2}user\.dockyard\.address: (\S+)$/m.exec(config)?.[1];
    const subnet = /^ {2}user\.dockyard\.subnet: (\S+)$/m.exec(config)?.[1];

    const node2 = await driver.create({ ...testSpec('node2'), sessionId: node1.sessionId });
    made.push(node2);
    // The spare's /26 became the session's: node2 was given an address in it.
    expect((await incusCli('config', 'get', node2.id, 'user.dockyard.subnet')).out.trim()).toBe(subnet);
    const inNode = (ref: SandboxRef, script: string) => driver.exec(ref.id, ['bash', '-c', script], { timeoutMs: 60_000 });
    expect((await inNode(node1, 'hostname')).output.trim()).toBe('node1');
    expect((await inNode(node1, "ip -4 -o addr show dev eth0 | awk '{print $4}'")).output.trim()).toBe(`${address}/32`);
    // Both know each other's names (the claimed spare was told of node2, and node2 of it).
    expect((await inNode(node1, 'getent hosts node2 >/dev/null && echo connu')).output.trim()).toBe('connu');
    expect((await inNode(node2, 'getent hosts node1 >/dev/null && echo connu')).output.trim()).toBe('connu');
    expect((await inNode(node1, 'ping -c1 -W2 node2 >/dev/null && echo joignable')).output).toContain('joignable');
    // Its engine, started before the node joined its session, pulls from the mirror offline at once.
    expect((await inNode(node1, 'docker run --rm hello-world')).output).toContain('Bonjour de Dockyard');

    await spareReady();
    const spares = await spareIds();
    expect(spares).toHaveLength(1);
    expect(spares).not.toContain(node1.id);
    expect(spares).not.toContain(node2.id);
  });

  it('makes no spare while the server says there is no room, and fills up again once there is', async () => {
    room = false;
    const taken = await driver.create(testSpec('node1'));
    made.push(taken);
    // The pool would have started its next spare within this time (3 s after a take), had it been allowed.
    await new Promise((r) => setTimeout(r, 6_000));
    expect(driver.spares()[SANDBOX_IMAGE]).toBe(0);
    expect(await spareIds()).toEqual([]);

    // Room again: the next lab start (the slow way, the pool being empty) fills it up again.
    room = true;
    made.push(await driver.create(testSpec('node1')));
    await spareReady();
    expect(await spareIds()).toHaveLength(1);
  });

  it('never touches another instance’s spares, and removes its own when it stops', async () => {
    const [ours] = await spareIds();
    expect(ours).toBeDefined();

    // Another Dockyard starts (clearing what it believes its own crash left) and makes its spare.
    await other.prepare();
    await spareReady(other);
    expect(await spareIds(otherInstance)).toHaveLength(1);
    expect(await spareIds()).toEqual([ours]);

    await other.stop();
    expect(await spareIds(otherInstance)).toEqual([]);
    expect(await spareIds()).toEqual([ours]);

    // Our own stop: spares go, sessions' nodes stay.
    await driver.stop();
    expect(await spareIds()).toEqual([]);
    for (const ref of made) expect(await driver.isRunning(ref.id), ref.node).toBe(true);
  });
});
