/**
 * Node lifecycle and failures against the real engine: destroy (instance, disk and session
 * route; idempotent; never what Dockyard did not make), one Dockyard instance never seeing or
 * reaping another's nodes, missing nodes, missing images, an engine that does not answer.
 * The incus CLI witnesses what Incus really holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { EngineUnavailableError, ImageMissingError, SandboxNotFoundError } from '@/runtime/errors';
import { incusCli, requireImages, SANDBOX_IMAGE, TEST_INSTANCE, testSpec } from './fixtures';
import { testDriver } from './test-driver';

const run = promisify(execFile);

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
/** What a node leaves on the host: its instance, its disk, and the host's route to its address (its routed NIC). */
async function traces(id: string, address: string): Promise<{ instance: boolean; disk: boolean; route: boolean }> {
  const instanceFound = (await incusCli('info', id)).code === 0;
  const volumes = (await incusCli('storage', 'volume', 'list', 'dockyard', '--format', 'csv', '-c', 'tn')).out;
  const { stdout } = await run('ip', ['-o', 'route', 'show', address]);
  return { instance: instanceFound, disk: volumes.split('\n').includes(`container,${id}`), route: stdout.trim() !== '' };
}

const addressOf = async (id: string) => (await incusCli('config', 'get', id, 'user.dockyard.address')).out.trim();

/** Incus networks labelled with this session: the design makes none (routed NICs). */
async function networksOf(sessionId: string): Promise<string[]> {
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
  it('removes the node, its disk and the host’s route to it; twice is fine', async () => {
    const spec = testSpec('node1');
    const node1 = await driver.create(spec);
    const node2 = await driver.create({ ...spec, node: 'node2' });
    leftovers.push({ owner: driver, id: node1.id }, { owner: driver, id: node2.id });
    const [address1, address2] = [await addressOf(node1.id), await addressOf(node2.id)];
    expect(await traces(node1.id, address1)).toEqual({ instance: true, disk: true, route: true });
    expect(await networksOf(spec.sessionId)).toEqual([]);

    // One node goes: the other still reaches the mirror.
    await Promise.all([driver.destroy(node1.id), driver.destroy(node1.id)]); // concurrent destroys too
    await driver.destroy(node1.id);
    expect(await traces(node1.id, address1)).toEqual({ instance: false, disk: false, route: false });
    const mirror = await driver.exec(node2.id, ['curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', 'http://dockyard-registry:5001/v2/']);
    expect(mirror.output).toBe('200');

    // The last node goes, destroyed by a server that has just restarted (it remembers nothing).
    await testDriver(instance).destroy(node2.id);
    expect(await traces(node2.id, address2)).toEqual({ instance: false, disk: false, route: false });
    expect(await driver.isRunning(node2.id)).toBe(false);
    expect((await driver.list()).some((s) => s.id === node1.id || s.id === node2.id)).toBe(false);
  });

  it('leaves nothing on the host when several sessions end at the same time', async () => {
    const specs = [testSpec('node1'), testSpec('node1'), testSpec('node1')];
    const nodes = await Promise.all(specs.map((spec) => driver.create(spec)));
    leftovers.push(...nodes.map((ref) => ({ owner: driver, id: ref.id })));
    const addresses = await Promise.all(nodes.map((ref) => addressOf(ref.id)));
    // Each session on a /26 of its own.
    const subnets = await Promise.all(nodes.map(async (ref) => (await incusCli('config', 'get', ref.id, 'user.dockyard.subnet')).out.trim()));
    expect(new Set(subnets).size).toBe(3);
    await Promise.all(nodes.map((ref) => driver.destroy(ref.id)));
    for (const [i, ref] of nodes.entries()) expect(await traces(ref.id, addresses[i] ?? '')).toEqual({ instance: false, disk: false, route: false });
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

    // The other instance restarts and stops: our node is untouched, still on its network.
    await testDriver(otherInstance).prepare();
    await other.stop();
    expect(await driver.isRunning(ours.id)).toBe(true);
    expect((await driver.exec(ours.id, ['curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', 'http://dockyard-registry:5001/v2/'])).output).toBe('200');
    const alive = await driver.exec(ours.id, ['hostname']);
    expect(alive.output.trim()).toBe('node1');
  });

  it('never gives one /26 to two sessions, even when two servers start them at the same moment', async () => {
    // Two drivers (two server processes, two replicas) pick subnets from what Incus shows,
    // at once: the claim in Incus itself (an empty profile per /26) decides.
    const sessions = await Promise.all([driver, other, driver, other, driver, other].map((owner) => owner.create(testSpec('node1')).then((ref) => ({ owner, ref }))));
    leftovers.push(...sessions.map(({ owner, ref }) => ({ owner, id: ref.id })));
    const subnets = await Promise.all(sessions.map(async ({ ref }) => (await incusCli('config', 'get', ref.id, 'user.dockyard.subnet')).out.trim()));
    expect(new Set(subnets).size).toBe(sessions.length);
    const claims = async () => (await incusCli('profile', 'list', '--format', 'csv', '-c', 'n')).out.split('\n').filter((n) => n.startsWith('dockyard-net-'));
    for (const subnet of subnets) expect(await claims()).toContain(`dockyard-net-${subnet.split('/')[0]?.replace(/\./g, '-')}`);
    // Each claim goes with its session's last node.
    await Promise.all(sessions.map(({ owner, ref }) => owner.destroy(ref.id)));
    for (const subnet of subnets) expect(await claims()).not.toContain(`dockyard-net-${subnet.split('/')[0]?.replace(/\./g, '-')}`);
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

