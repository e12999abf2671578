/**
 * Reference timings, measured in the same run as the figures they sit beside, so that a slow
 * machine shows up in both: bare container starts on the host's Docker engine and on Incus,
 * and bare exec round trips.
 */
import type { IncusSandboxDriver } from '../../runtime/incus/incus-driver';
import { docker, incus } from '../lib/docker-cli';

/** The old bench's image first (the retired jail's node), then the Incus node's tree, then a small one. */
const DOCKER_RUN_IMAGES = ['dockyard/node:latest', 'dockyard/lab-node:latest', 'localhost:5000/library/busybox:latest'];

export interface TimedSamples {
  samples: number[];
  /** What was run, for the report. */
  what: string;
}

/**
 * `docker run --rm --entrypoint true IMAGE` on the host's Docker engine: the reference of
 * issue 10 and of the earlier benches (create, start, exit, remove on overlay2), with no
 * inner engine and no Dockyard. The CLI's own start-up is included, as in any operator's measure.
 */
export async function measureDockerRun(runs: number): Promise<TimedSamples> {
  const image = await firstPresent(DOCKER_RUN_IMAGES);
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await docker(['run', '--rm', '--entrypoint', 'true', image]);
    samples.push(performance.now() - started);
  }
  return { samples, what: `docker run --rm --entrypoint true ${image}` };
}

async function firstPresent(images: string[]): Promise<string> {
  for (const image of images) {
    if (await docker(['image', 'inspect', '--format', 'ok', image]).then((out) => out === 'ok', () => false)) return image;
  }
  throw new Error(`none of ${images.join(', ')} is on the host's Docker engine`);
}

export interface BareIncus {
  /** `incus launch` until a first `incus exec NAME -- true` has returned: the container runs commands. */
  launch: TimedSamples;
  /** `incus delete --force` of that container (stop, then its btrfs clone removed). */
  remove: number[];
  /** `incus exec NAME -- true` in a running bare container, through the CLI. */
  exec: number[];
  command: string;
}

/**
 * The Incus equivalent of the `docker run` reference: a bare container from the lab nodes'
 * image and profile (unprivileged, its own uid range, on the btrfs pool) whose init is
 * `sleep infinity` instead of the node's (which starts the inner Docker engine): launch
 * (btrfs clone, idmap, start) until it answers a first `incus exec true`, then removal, timed
 * apart. Then `incus exec true` round trips in one such container.
 */
export async function measureBareIncus(runs: number, execs: number, image = 'dockyard/node:latest', profile = 'dockyard-node'): Promise<BareIncus> {
  // The profile's raw.lxc (cgroups mounted read-write on a cgroup v1 host) stays; only init changes.
  const raw = await incus(['profile', 'get', profile, 'raw.lxc']).catch(() => '');
  const rawLxc = [raw, 'lxc.init.cmd = /bin/sleep infinity'].filter((line) => line.trim().length > 0).join('\n');
  const name = (i: number) => `bench-bare-${process.pid}-${i}`;
  const launchArgs = (i: number) => ['launch', image, name(i), '--profile', profile, '--config', `raw.lxc=${rawLxc}`];
  const launch: number[] = [];
  const remove: number[] = [];
  const exec: number[] = [];
  try {
    // All launched first, all removed after: removing one leaves btrfs's cleaner busy for a
    // while, which the next launch would pay for.
    for (let i = 0; i < runs; i += 1) {
      const started = performance.now();
      await incus(launchArgs(i));
      await incus(['exec', name(i), '--', 'true']);
      launch.push(performance.now() - started);
    }
    for (let j = 0; j < execs; j += 1) {
      const before = performance.now();
      await incus(['exec', name(0), '--', 'true']);
      exec.push(performance.now() - before);
    }
    for (let i = 0; i < runs; i += 1) {
      const removing = performance.now();
      await incus(['delete', '--force', name(i)]);
      remove.push(performance.now() - removing);
    }
  } finally {
    await removeBareIncus();
  }
  return {
    launch: { samples: launch, what: `incus launch ${image} --profile ${profile} (init: sleep infinity), then incus exec -- true` },
    remove,
    exec,
    command: `incus launch ${image} NAME --profile ${profile} --config 'raw.lxc=${rawLxc.replace(/\n/g, '\\n')}'`,
  };
}

/** Bare reference containers of this bench, or left behind by a bench that was killed. */
export async function removeBareIncus(): Promise<void> {
  const names = (await incus(['list', '--format', 'csv', '--columns', 'n']).catch(() => ''))
    .split('\n')
    .filter((n) => {
      const pid = Number(/^bench-bare-(\d+)-/.exec(n)?.[1]);
      return Number.isInteger(pid) && (pid === process.pid || !alive(pid));
    });
  if (names.length > 0) await incus(['delete', '--force', ...names]).catch(() => undefined);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * `true` run in the lab node through the driver's exec (Incus exec API over its unix socket:
 * create the operation, open its four websockets, wait for the exit code): Incus's part of
 * every keystroke-free operation, and the floor of a check.
 */
export async function measureExecRoundTrip(driver: IncusSandboxDriver, sandboxId: string, runs: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    const result = await driver.exec(sandboxId, ['true']);
    samples.push(performance.now() - started);
    if (result.exitCode !== 0) throw new Error(`exec true exited ${result.exitCode}`);
  }
  return samples;
}
