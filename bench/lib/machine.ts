/** What the figures were measured on, and the host's memory and load while measuring. */
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import { docker, incus, incusQuery } from './docker-cli';

export interface Machine {
  cores: number;
  memory: string;
  os: string;
  kernel: string;
  /** The host's Docker engine: only the `docker run` reference runs on it. */
  docker: string;
  /** incusd, the engine of the lab nodes. */
  incus: string;
  /** The nodes' storage pool driver (btrfs: each node's root is a clone of the image). */
  pool: string;
}

export async function describeMachine(pool = 'dockyard'): Promise<Machine> {
  const release = await readFile('/etc/os-release', 'utf8').catch(() => '');
  const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(release)?.[1] ?? os.type();
  return {
    cores: os.cpus().length,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: pretty,
    kernel: os.release(),
    docker: await docker(['version', '--format', '{{.Server.Version}}']).catch(() => 'unknown'),
    incus: /Server version:\s*(\S+)/.exec(await incus(['version']).catch(() => ''))?.[1] ?? 'unknown',
    pool: await incusQuery<{ driver: string; config: Record<string, string> }>(`/1.0/storage-pools/${pool}`)
      .then((p) => `${pool}: ${p.driver} on ${p.config.source ?? '?'}${p.config.size ? ` (${p.config.size})` : ''}`)
      .catch(() => 'unknown'),
  };
}

/** MemAvailable is what the kernel could still give without swapping: the honest "room left". */
export async function memAvailableBytes(): Promise<number> {
  const text = await readFile('/proc/meminfo', 'utf8');
  const kib = Number(/^MemAvailable:\s+(\d+) kB$/m.exec(text)?.[1]);
  if (!Number.isFinite(kib)) throw new Error('MemAvailable missing from /proc/meminfo');
  return kib * 1024;
}

export const loadAverage = (): number => os.loadavg()[0] ?? 0;

/**
 * Test runs and builds of other engineers on this machine (vitest, playwright, next build):
 * the bench itself runs none of them, so any found means the figures shared the CPU.
 */
export async function otherWork(): Promise<string[]> {
  const found = new Set<string>();
  for (const pid of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(pid)) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    const match = /(vitest|playwright test|next build)/.exec(cmdline.replaceAll('\0', ' '));
    if (match?.[1]) found.add(match[1]);
  }
  return [...found];
}

/**
 * Waits until btrfs's cleaner thread is idle: deleting a node's btrfs clone (every ended
 * session) leaves the kernel a minute or more of work on one core, which would be charged to
 * the next measure. Resolves with the seconds waited (at most `timeoutMs`).
 */
export async function waitForQuietDisk(timeoutMs = 180_000): Promise<number> {
  const started = Date.now();
  const cleanerTicks = async () => {
    let ticks = 0;
    for (const pid of await readdir('/proc').catch(() => [])) {
      if (!/^\d+$/.test(pid)) continue;
      if ((await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '')).trim() !== 'btrfs-cleaner') continue;
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime: fields 14 and 15 of stat, 12 and 13 after "pid (comm) ".
      ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
    }
    return ticks;
  };
  const ticksPerSecond = 100;
  while (Date.now() - started < timeoutMs) {
    const before = await cleanerTicks();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    // Under 5 % of a core over 2 s: idle.
    if ((await cleanerTicks()) - before < 0.05 * 2 * ticksPerSecond) break;
  }
  return (Date.now() - started) / 1000;
}
