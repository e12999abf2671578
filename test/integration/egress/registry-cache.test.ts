/**
 * DOCKYARD_INTERNET=on, Docker Hub's side: a node's engine pulls what the catalog does not
 * hold through the host's pull-through cache, while a name the catalog holds still comes from
 * the catalog, even when "Docker Hub" has another image under that name; another registry the
 * operator names (ghcr.io) has a cache of its own. Off (the default),
 * the node sees today's behaviour: the catalog only, the proxy's port closed. Real nodes,
 * real registries: a stand-in registry plays Docker Hub.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { SandboxRef } from '@/runtime/driver';
import { requireImages, TEST_INSTANCE, testSpec } from '../runtime/fixtures';
import { testDriver } from '../runtime/test-driver';
import { nodeEgressSetup } from '@/runtime/incus/node-egress';
import { internetOff, manifestDigest, pushToStandIn, setInternet, STAND_IN_HUB, startStandInHub, stopStandInHub } from './internet-fixture';

const driver = testDriver(`${TEST_INSTANCE}-cache-${randomUUID().slice(0, 8)}`);
let node: SandboxRef;

const sh = (script: string) => driver.exec(node.id, ['bash', '-c', script], { timeoutMs: 120_000 });
/** The digest the node's engine recorded for an image it pulled. */
const pulledDigest = async (image: string) =>
  (await sh(`docker image inspect -f '{{join .RepoDigests " "}}' ${image}`)).output.trim().split('@')[1];

beforeAll(async () => {
  await requireImages();
  // "Docker Hub" holds an image the catalog lacks, and its own, other hello-world.
  await startStandInHub({
    'library/only-upstream:1': 'localhost:5000/library/busybox:latest',
    'library/hello-world:latest': 'localhost:5000/library/busybox:latest',
  });
  // It also plays ghcr.io, with an image of its own (another registry the operator names).
  await pushToStandIn({ 'dockyard/only-ghcr:1': 'localhost:5000/library/alpine:latest' });
  await internetOff();
  await driver.prepare();
  node = await driver.create(testSpec());
});

afterAll(async () => {
  await driver.destroy(node?.id ?? '').catch(() => undefined);
  await driver.stop?.();
  await internetOff();
  await stopStandInHub();
});

describe('cache de Docker Hub (DOCKYARD_INTERNET)', () => {
  it('off: the node gets the catalog only, and the proxy and cache ports are closed', async () => {
    const pull = await sh('docker pull only-upstream:1');
    expect(pull.exitCode).not.toBe(0);
    const ports = await sh('for port in 80 3128 5002; do curl -s -m 5 -o /dev/null http://169.254.0.1:$port/; echo "$port exit=$?"; done');
    // 7: refused at once by the host firewall.
    for (const port of [80, 3128, 5002]) expect(ports.output).toContain(`${port} exit=7`);
  });

  it('on: an image only "Docker Hub" has is pulled through the cache', async () => {
    await setInternet({
      DOCKYARD_INTERNET: 'on',
      DOCKYARD_REGISTRY_UPSTREAM: `http://${STAND_IN_HUB}`,
      DOCKYARD_REGISTRY_CACHES: `ghcr.io=http://${STAND_IN_HUB}`,
    });
    const pull = await sh('docker pull only-upstream:1 && docker run --rm only-upstream:1 echo bonjour');
    expect(pull.output).toContain('bonjour');
    expect(pull.exitCode).toBe(0);
    expect(await pulledDigest('only-upstream:1')).toBe(await manifestDigest(STAND_IN_HUB, 'library/only-upstream', '1'));
    // The cache now holds it (a second pull, by anyone, is served from here).
    const cached = (await (await fetch('http://127.0.0.1:5003/v2/_catalog')).json()) as { repositories: string[] };
    expect(cached.repositories).toContain('library/only-upstream');
  });

  it("on: a name the catalog holds comes from the catalog, not from Docker Hub's image of that name", async () => {
    const pull = await sh('docker pull hello-world');
    expect(pull.exitCode).toBe(0);
    const catalog = await manifestDigest('127.0.0.1:5000', 'library/hello-world', 'latest');
    const upstream = await manifestDigest(STAND_IN_HUB, 'library/hello-world', 'latest');
    expect(upstream).not.toBe(catalog);
    expect(await pulledDigest('hello-world')).toBe(catalog);
  });

  it('on: the catalog stays read-only for nodes, through the front too', async () => {
    const push = await sh('docker tag hello-world dockyard-registry:5001/library/mine:1 && docker push dockyard-registry:5001/library/mine:1');
    expect(push.exitCode).not.toBe(0);
  });

  it('on: an image of another registry the operator named (ghcr.io) comes through its own cache, even once that registry is gone', async () => {
    // What a node of a server with the internet on runs as it joins (node-egress.sh).
    const setup = nodeEgressSetup('10.213.0.0/16');
    const joined = await driver.exec(node.id, setup.command, { stdin: setup.stdin, timeoutMs: 60_000 });
    expect(joined.exitCode, joined.output).toBe(0);
    const image = 'ghcr.io/dockyard/only-ghcr:1';
    const pull = await sh(`docker pull ${image} && docker run --rm ${image} echo bonjour de ghcr`);
    expect(pull.output).toContain('bonjour de ghcr');
    expect(pull.exitCode).toBe(0);
    expect(await pulledDigest(image)).toBe(await manifestDigest(STAND_IN_HUB, 'dockyard/only-ghcr', '1'));
    // Pulled once for everyone: with "ghcr.io" gone, the image still comes from the cache.
    await stopStandInHub();
    const again = await sh(`docker rmi ${image} >/dev/null && docker pull ${image}`);
    expect(again.exitCode, again.output).toBe(0);
    // A registry the operator did not name has no cache: its pull goes to the proxy, which
    // refuses it (not on the allowlist).
    const unnamed = await sh('docker pull quay.io/dockyard/only-ghcr:1');
    expect(unnamed.exitCode).not.toBe(0);
  });
});
