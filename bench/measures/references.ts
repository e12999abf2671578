/**
 * Reference timings, measured in the same run as the figures they sit beside, so that a slow
 * machine shows up in both: a bare container start, and a bare exec round trip.
 */
import { DockerSandboxDriver } from '../../runtime/docker/docker-driver';
import { docker } from '../lib/docker-cli';

/**
 * `docker run --rm --entrypoint true` of the sandbox image: the floor of any sandbox start
 * (create, start, exit, remove), with no inner engine and no Dockyard. The CLI's own start-up
 * is included, as in any operator's measure.
 */
export async function measureDockerRun(runs: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await docker(['run', '--rm', '--label', 'dockyard.instance=bench', '--entrypoint', 'true', 'dockyard/node:latest']);
    samples.push(performance.now() - started);
  }
  return samples;
}

/**
 * `true` run in the sandbox through the driver's exec (dockerode: create exec, start,
 * stream, inspect exit code): the engine's part of every keystroke-free operation, and the
 * floor of a check.
 */
export async function measureExecRoundTrip(driver: DockerSandboxDriver, sandboxId: string, runs: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    const result = await driver.exec(sandboxId, ['true']);
    samples.push(performance.now() - started);
    if (result.exitCode !== 0) throw new Error(`exec true exited ${result.exitCode}`);
  }
  return samples;
}
