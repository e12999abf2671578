/**
 * Node lifecycle and failures against the real engine: destroy (instance, disk and session
 * bridge; idempotent; never what Dockyard did not make), one Dockyard instance never seeing or
 * reaping another's nodes, missing nodes, missing images, an engine that does not answer.
 * The incus CLI witnesses what Incus really holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { EngineUnavailableError, ImageMissingError, SandboxNotFoundError } from '@/runtime/errors';
import { incusCli, requireImages, SANDBOX_IMAGE, TEST_INSTANCE, testSpec } from './fixtures';
import { testDriver } from './test-driver';

const instance = `${TEST_INSTANCE}-lifecycle-${randomUUID().slice(0, 8)}`;
const otherInstance = `${TEST_INSTANCE}-lifecycle-other-${randomUUID().slice(0, 8)}`;
const driver = testDriver(instance);
const other = testDriver(otherInstance);
const leftovers: Array<{ owner: typeof driver; id: string }> = [];
/** Incus instances this file made by hand (not through Dockyard). */
const foreign: string[] = [];

interface IncusListed {
  name: string;
  config: Record<string, string>;
}

/** Every Incus instance, with its config, as the incus CLI reports them. */
async function incusInstances(): Promise<IncusListed[]> {
  const { code, out } = await incusCli('list', '--format', 'json');
  if (code !== 0) throw new Error(out);
  // An instance being created elsewhere may not have its config yet.
  return (JSON.parse(out) as IncusListed[]).map((i) => ({ ...i, config: i.config ?? {} }));
}

/** What Incus still holds for a node: the instance, its root disk volume. */
async function traces(id: string): Promise<{ instance: boolean; disk: boolean }> {
  const instanceFound = (await incusCli('info', id)).code === 0;
  const volumes = (await incusCli('storage', 'volume', 'list', 'dockyard', '--format', 'csv', '-c', 'tn')).out;
  return { instance: instanceFound, disk: volumes.split('\n').includes(`container,${id}`) };
}

/** The session's bridges, as Incus lists them (found by the session label, not by the driver's naming). */
async function bridgesOf(sessionId: string): Promise<string[]> {
  const { out } = await incusCli('network', 'list', '--format', 'json');
  const networks = JSON.parse(out) as Array<{ name: string; config: Record<string, string> }>;
  return networks.filter((n) => n.config?.['user.dockyard.session'] === sessionId).map((n) => n.name);
}

beforeAll(async () => {
  await requireImages();
  await driver.prepare();
});

afterAll(async () => {
  for (const { owner, id } of leftovers) await owner.destroy(id);
  for (const name of foreign) await incusCli('delete', '--force', name);
  await Promise.all([driver.stop(), other.stop()]);
});

describe('destroy', () => {
  it('removes the node, its disk and, with the session’s last node, its bridge; twice is fine', async () => {
    const spec = testSpec('node1');
    const node1 = await driver.create(spec);
    const node2 = await driver.create({ ...spec, node: 'node2' });
    leftovers.push({ owner: driver, id: node1.id }, { owner: driver, id: node2.id });
    expect(await traces(node1.id)).toEqual({ instance: true, disk: true });
    const [bridge] = await bridgesOf(spec.sessionId);
    expect(bridge).toBeDefined();

    // One node goes: its session's bridge stays for the other, which still reaches the mirror.
    await Promise.all([driver.destroy(node1.id), driver.destroy(node1.id)]); // concurrent destroys too
    await driver.destroy(node1.id);
    expect(await traces(node1.id)).toEqual({ instance: false, disk: false });
    expect(await bridgesOf(spec.sessionId)).toEqual([bridge]);
    const mirror = await driver.exec(node2.id, ['curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', 'http://dockyard-registry:5001/v2/']);
    expect(mirror.output).toBe('200');

    // The last node goes, destroyed by a server that has just restarted (it remembers nothing).
    await testDriver(instance).destroy(node2.id);
    expect(await traces(node2.id)).toEqual({ instance: false, disk: false });
    expect(await bridgesOf(spec.sessionId)).toEqual([]);
    expect(await driver.isRunning(node2.id)).toBe(false);
    expect((await driver.list()).some((s) => s.id === node1.id || s.id === node2.id)).toBe(false);
  });

  it('leaves no bridge behind when several sessions end at the same time', async () => {
    // Incus stumbles when interfaces vanish while it removes a bridge: the driver must get over it.
    const specs = [testSpec('node1'), testSpec('node1'), testSpec('node1')];
    const nodes = await Promise.all(specs.map((spec) => driver.create(spec)));
    leftovers.push(...nodes.map((ref) => ({ owner: driver, id: ref.id })));
    await Promise.all(nodes.map((ref) => driver.destroy(ref.id)));
    for (const spec of specs) expect(await bridgesOf(spec.sessionId), spec.sessionId).toEqual([]);
  });

  it('raises SandboxNotFoundError for a node that does not exist, and destroying it is a no-op', async () => {
    const missing = 'dy-0000000000';
    await expect(driver.exec(missing, ['true'])).rejects.toBeInstanceOf(SandboxNotFoundError);
    await expect(driver.attachShell(missing, { cols: 80, rows: 24 })).rejects.toBeInstanceOf(SandboxNotFoundError);
    await expect(driver.endpoint(missing, 80)).rejects.toBeInstanceOf(SandboxNotFoundError);
    await expect(driver.destroy(missing)).resolves.toBeUndefined();
    expect(await driver.isRunning(missing)).toBe(false);
  });

  it('refuses to destroy an Incus instance Dockyard did not make', async () => {
    const name = `dy-foreign-${randomUUID().slice(0, 8)}`;
    const made = await incusCli('init', SANDBOX_IMAGE, name, '--profile', 'dockyard-node');
    expect(made.code, made.out).toBe(0);
    foreign.push(name);
    await expect(driver.destroy(name)).rejects.toBeInstanceOf(SandboxNotFoundError);
    expect((await incusCli('info', name)).code).toBe(0);
    expect((await driver.list()).some((s) => s.id === name)).toBe(false);
  });
});

describe('two Dockyard instances on one Incus', () => {
  it('lists only its own nodes, and never removes the other’s, not even when starting or stopping', async () => {
    const ours = await driver.create(testSpec('node1'));
    leftovers.push({ owner: driver, id: ours.id });
    // The other instance starts (it removes what it believes a crash of its own left) and makes a node.
    await other.prepare();
    const theirs = await other.create(testSpec('node1'));
    leftovers.push({ owner: other, id: theirs.id });

    const ourList = (await driver.list()).map((s) => s.id);
    const theirList = (await other.list()).map((s) => s.id);
    expect(ourList).toContain(ours.id);
    expect(ourList).not.toContain(theirs.id);
    expect(theirList).toEqual([theirs.id]);
    // The witness agrees: each node carries its own instance's label.
    const labels = Object.fromEntries((await incusInstances()).map((i) => [i.name, i.config['user.dockyard.instance']]));
    expect(labels[ours.id]).toBe(instance);
    expect(labels[theirs.id]).toBe(otherInstance);

    // The other instance restarts and stops: our node and its bridge are untouched.
    await testDriver(otherInstance).prepare();
    await other.stop();
    expect(await driver.isRunning(ours.id)).toBe(true);
    expect(await bridgesOf(ours.sessionId)).toHaveLength(1);
    const alive = await driver.exec(ours.id, ['hostname']);
    expect(alive.output.trim()).toBe('node1');
  });
});

describe('failures', () => {
  it('raises ImageMissingError, in French, and leaves nothing behind', async () => {
    const spec = { ...testSpec('node1'), image: 'dockyard/absente:latest' };
    const error = await driver.create(spec).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ImageMissingError);
    expect((error as Error).message).toContain('build-all.sh');
    const left = (await incusInstances()).filter((i) => i.config['user.dockyard.session'] === spec.sessionId);
    expect(left).toEqual([]);
    expect(await bridgesOf(spec.sessionId)).toEqual([]);
  });

  it('says what to do when Incus does not answer', async () => {
    const offline = testDriver(instance, { socketPath: '/tmp/dockyard-pas-d-incus.socket' });
    const error = await offline.prepare().catch((err: unknown) => err);
    expect(error).toBeInstanceOf(EngineUnavailableError);
    expect((error as Error).message).toMatch(/Le moteur des bacs à sable \(Incus\) ne répond pas : lancez \.\/dockyard start/);
    await expect(offline.list()).rejects.toBeInstanceOf(EngineUnavailableError);
    await expect(offline.exec('dy-0000000000', ['true'])).rejects.toBeInstanceOf(EngineUnavailableError);
    await expect(offline.create(testSpec('node1'))).rejects.toBeInstanceOf(EngineUnavailableError);
  });
});

