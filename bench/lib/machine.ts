/** What the figures were measured on, and the host's memory and load while measuring. */
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import { docker } from './docker-cli';

export interface Machine {
  cores: number;
  memory: string;
  os: string;
  kernel: string;
  docker: string;
}

export async function describeMachine(): Promise<Machine> {
  const release = await readFile('/etc/os-release', 'utf8').catch(() => '');
  const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(release)?.[1] ?? os.type();
  return {
    cores: os.cpus().length,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: pretty,
    kernel: os.release(),
    docker: await docker(['version', '--format', '{{.Server.Version}}']).catch(() => 'unknown'),
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
