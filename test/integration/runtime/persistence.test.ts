/**
 * Labs that last, at the runtime's level: a node paused and resumed keeps its files, images,
 * volumes and containers (those with a restart policy running again, the others stopped as
 * after a reboot), even when the server that resumes it is another one; its shell opens
 * where the student was. A node taken back to a snapshot loses what came after. Real Incus,
 * real inner Docker engine; the incus CLI is the witness of the instance's state.
 */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { incusCli, TEST_INSTANCE } from './fixtures';
import { oneNodePerFile, testDriver } from './test-driver';

const instance = `${TEST_INSTANCE}-persist-${randomUUID().slice(0, 8)}`;
const driver = testDriver(instance);
const node = oneNodePerFile(driver);

const sh = async (script: string) => {
  const result = await driver.exec(node().id, ['bash', '-c', script], { timeoutMs: 120_000 });
  return { ...result, output: result.output.trim() };
};
const incusState = async () => (await incusCli('list', node().id, '-c', 's', '-f', 'csv')).out.trim();

describe('a paused lab node', () => {
  it('keeps files, images, volumes and containers, and comes back where the student was, even through another server', async () => {
    const setup = await sh(`set -e
      mkdir -p /root/projet && echo "mon travail" >/root/projet/notes.txt
      printf 'FROM busybox\\nRUN echo construite >/construite\\n' >/root/projet/Dockerfile
      docker build -q -t mon-image /root/projet >/dev/null
      docker volume create donnees >/dev/null
      docker run --rm -v donnees:/d busybox sh -c 'echo dans le volume >/d/f'
      docker run -d --name toujours --restart unless-stopped busybox sleep 100000 >/dev/null
      docker run -d --name une-fois busybox sleep 100000 >/dev/null
      tmux send-keys -t dockyard 'cd /root/projet' Enter
      sleep 0.5`);
    expect(setup.exitCode, setup.output).toBe(0);

    const { addedBytes } = await driver.pause(node().id);
    expect(await incusState()).toBe('STOPPED');
    // The image built, the volume, the containers: counted; the node's image itself is not.
    expect(addedBytes).toBeGreaterThan(1024 * 1024);
    expect(addedBytes).toBeLessThan(500 * 1024 * 1024);
    expect(await driver.status(node().id)).toBe('stopped');

    // A server started since (no memory of the pause) resumes it.
    const restarted = testDriver(instance);
    await restarted.resume(node().id);
    expect(await incusState()).toBe('RUNNING');
    const after = await sh(`cat /root/projet/notes.txt
      docker run --rm mon-image cat /construite
      docker run --rm -v donnees:/d busybox cat /d/f
      docker inspect -f '{{.Name}} {{.State.Running}}' toujours une-fois
      tmux display-message -p -t dockyard '#{pane_current_path}'
      hostname`);
    expect(after.output.split('\n')).toEqual([
      'mon travail',
      'construite',
      'dans le volume',
      '/toujours true',
      '/une-fois false',
      '/root/projet',
      'node1',
    ]);
  });

  it('goes back to a snapshot: what came after is gone, what came before is there', async () => {
    await sh('echo avant >/root/avant.txt');
    await driver.snapshot(node().id, 'step-1');
    await sh('echo après >/root/apres.txt && rm /root/avant.txt && docker rm -f toujours');
    // Taken again under the same name: the latest one counts.
    await driver.snapshot(node().id, 'step-2');
    await driver.restore(node().id, 'step-1');
    const back = await sh(`ls /root/*.txt; docker inspect -f '{{.State.Running}}' toujours; hostname`);
    expect(back.output.split('\n')).toEqual(['/root/avant.txt', 'true', 'node1']);
    // The student's shell is there again (a new one, the old one was thrown away with the rest).
    expect((await sh('tmux has-session -t dockyard && echo shell')).output).toBe('shell');
    await driver.deleteSnapshot(node().id, 'step-2');
    await driver.deleteSnapshot(node().id, 'step-2');
    expect((await incusCli('snapshot', 'list', node().id, '-f', 'csv', '-c', 'n')).out.trim()).toBe('step-1');
  });

  it('refuses a snapshot name Incus would not take, and a node Dockyard did not make', async () => {
    await expect(driver.snapshot(node().id, '../etc')).rejects.toThrow(/invalide/);
    await expect(driver.pause('dy-0000000000')).rejects.toThrow();
  });
});
