/**
 * The sandbox driver every integration and security test runs against: the production one
 * (Incus), on the real engine, labelled apart (TEST_INSTANCE) so a Dockyard on this machine
 * is never touched. Tests ask here instead of naming a driver, so that the whole suite
 * follows the runtime when it changes.
 */
import { afterAll, beforeAll } from 'vitest';
import type { SandboxRef } from '@/runtime/driver';
import { IncusSandboxDriver, type IncusDriverOptions } from '@/runtime/incus/incus-driver';
import { requireImages, TEST_INSTANCE, testSpec } from './fixtures';

export function testDriver(instance: string = TEST_INSTANCE, options: Omit<IncusDriverOptions, 'instance'> = {}): IncusSandboxDriver {
  return new IncusSandboxDriver({ instance, ...options });
}

/**
 * One node for a whole test file: made in beforeAll, removed in afterAll with the driver
 * stopped. The returned function gives the node, or fails the test that runs without it.
 */
export function oneNodePerFile(driver: IncusSandboxDriver): () => SandboxRef {
  let node: SandboxRef | undefined;
  beforeAll(async () => {
    await requireImages();
    await driver.prepare();
    node = await driver.create(testSpec('node1'));
  });
  afterAll(async () => {
    if (node) await driver.destroy(node.id);
    await driver.stop();
  });
  return () => {
    if (!node) throw new Error('le nœud de test n’a pas été créé');
    return node;
  };
}
