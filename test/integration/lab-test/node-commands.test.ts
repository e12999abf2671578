/**
 * runtime/images/lab-node-commands.txt, what content:check takes for the commands of the lab
 * machines, must be what a real node has: listed inside one by the same script that wrote
 * the file. When the node image changes, regenerate it (runtime/images/list-node-commands.sh
 * dockyard/lab-node:latest) — this test names what differs.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNodeCommands } from '@/server/content/scripts/node-tools';
import { requireImages, TEST_INSTANCE, testSpec } from '../runtime/fixtures';
import { testDriver } from '../runtime/test-driver';

const driver = testDriver(`${TEST_INSTANCE}-node-commands-${randomUUID().slice(0, 8)}`);

beforeAll(requireImages);

afterAll(async () => {
  await Promise.all((await driver.list()).map((sandbox) => driver.destroy(sandbox.id)));
});

describe('the commands content:check knows', () => {
  it('are those of a real lab node', async () => {
    const node = await driver.create(testSpec());
    const lister = await readFile('runtime/images/list-node-commands.sh', 'utf8');
    const listed = await driver.exec(node.id, ['bash', '-s', '--', '--inside'], { stdin: lister, timeoutMs: 30_000 });
    expect(listed.exitCode).toBe(0);
    const onNode = new Set(listed.output.split('\n').filter(Boolean));
    const committed = readNodeCommands();
    const missingFromFile = [...onNode].filter((name) => !committed.has(name));
    const notOnNode = [...committed].filter((name) => !onNode.has(name));
    expect({ missingFromFile, notOnNode }).toEqual({ missingFromFile: [], notOnNode: [] });
  });
});
