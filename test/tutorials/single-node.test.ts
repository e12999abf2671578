/**
 * Beginner tutorials for one machine, replayed in a fresh lab node (real Incus driver, real
 * engine, offline): every command works as written, or fails with Dockyard's own message.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { SandboxRef } from '@/runtime/driver';
import { requireImages, TEST_INSTANCE } from '../integration/runtime/fixtures';
import { testDriver } from '../integration/runtime/test-driver';
import { replay, startSession, type Session } from './runner';
import { singleNodeTutorials } from './single-node';

const driver = testDriver(`${TEST_INSTANCE}-tutorials-${randomUUID().slice(0, 8)}`);
const made: SandboxRef[] = [];
let session: Session;

beforeAll(async () => {
  await requireImages();
  await driver.prepare();
  // One node for all of them: their names never collide (single-node.ts).
  session = await startSession(driver, ['node1'], made);
});

afterAll(async () => {
  await Promise.all(made.map((node) => driver.destroy(node.id)));
  await driver.stop();
});

describe('public-style tutorials on one lab machine', () => {
  it.each(singleNodeTutorials.map((t) => [t.title, t] as const))('%s', async (_title, tutorial) => {
    await replay(session, tutorial);
  });
});
