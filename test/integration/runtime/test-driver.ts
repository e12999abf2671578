/**
 * The sandbox driver every integration and security test runs against: the production one
 * (Incus), on the real engine, labelled apart (TEST_INSTANCE) so a Dockyard on this machine
 * is never touched. Tests ask here instead of naming a driver, so that the whole suite
 * follows the runtime when it changes.
 */
import { IncusSandboxDriver, type IncusDriverOptions } from '@/runtime/incus/incus-driver';
import { TEST_INSTANCE } from './fixtures';

export function testDriver(instance: string = TEST_INSTANCE, options: Omit<IncusDriverOptions, 'instance'> = {}): IncusSandboxDriver {
  return new IncusSandboxDriver({ instance, ...options });
}
