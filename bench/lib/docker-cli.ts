/**
 * The Docker CLI, for what the bench does around the server: reference timings, version, and
 * the final clean-up. The CLI (not dockerode) keeps bench/ inside the lint boundary and makes
 * the clean-up the same commands an operator would type.
 */
import { execFile } from 'node:child_process';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export async function docker(args: string[], timeoutMs = 120_000): Promise<string> {
  const { stdout } = await execFileAsync('docker', args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 });
  return stdout.trim();
}

const lines = (text: string) => text.split('\n').filter((line) => line.length > 0);

/**
 * Removes every container, session network and volume labelled with this instance, so a
 * bench never leaves sandboxes behind, even after a crash. Returns how many containers went.
 */
export async function removeInstance(instance: string, mirrorName = 'dockyard-mirror'): Promise<number> {
  const filter = `label=dockyard.instance=${instance}`;
  const ids = lines(await docker(['ps', '-aq', '--filter', filter]));
  // In chunks: one `docker rm` per 20 keeps the command line short and dockerd busy.
  // The stopping server removes its spare nodes at the same time: "already in progress" or
  // "no such container" mean the container is going anyway.
  for (let i = 0; i < ids.length; i += 20) {
    await docker(['rm', '-f', '-v', ...ids.slice(i, i + 20)], 300_000).catch((err: Error) => {
      if (!/already in progress|No such container/i.test(err.message)) throw err;
    });
  }
  for (const network of lines(await docker(['network', 'ls', '-q', '--filter', filter]))) {
    // The read-only mirror joins every session network: it must leave before the network goes.
    await docker(['network', 'disconnect', '-f', network, mirrorName]).catch(() => undefined);
    await docker(['network', 'rm', network]).catch(() => undefined);
  }
  const volumes = lines(await docker(['volume', 'ls', '-q', '--filter', filter]));
  if (volumes.length > 0) await docker(['volume', 'rm', '-f', ...volumes]).catch(() => undefined);
  return ids.length;
}

/** Unmounts and deletes the node disks (runtime/docker/node-disk.ts) kept in `dir`. */
export async function removeNodeDisks(dir: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries.filter((e) => e.isDirectory())) {
    await execFileAsync('umount', ['-l', join(dir, entry.name)]).catch(() => undefined);
  }
  await rm(dir, { recursive: true, force: true });
}

/** Whether a spare node (warm pool) of this instance is up and its engine answers. */
export async function spareReady(instance: string): Promise<boolean> {
  const ids = lines(await docker(['ps', '-q', '--filter', `label=dockyard.instance=${instance}`, '--filter', 'name=dockyard-spare-']));
  for (const id of ids) {
    const answers = await docker(['exec', id, 'dockyard-enter', 'docker', 'info', '--format', 'ok'], 10_000).catch(() => '');
    if (answers === 'ok') return true;
  }
  return false;
}

/** Dockyard sandboxes of other instances (tests of other engineers): a sign of a disturbed run. */
export async function foreignSandboxes(instance: string): Promise<number> {
  const all = lines(await docker(['ps', '-q', '--filter', 'label=dockyard.managed=true']));
  const ours = new Set(lines(await docker(['ps', '-q', '--filter', `label=dockyard.instance=${instance}`])));
  return all.filter((id) => !ours.has(id)).length;
}

/** The sandbox container of one session's first node. */
export async function sandboxOf(sessionId: string): Promise<string> {
  const [id] = lines(await docker(['ps', '-q', '--no-trunc', '--filter', `label=dockyard.session=${sessionId}`]));
  if (!id) throw new Error(`no sandbox for session ${sessionId}`);
  return id;
}

const UNITS: Record<string, number> = { B: 2 ** -20, KiB: 2 ** -10, MiB: 1, GiB: 2 ** 10 };

/** Memory each container's cgroup uses (`docker stats`), in MiB: unaffected by other processes. */
export async function containerMemoryMiB(ids: string[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const out = await docker(['stats', '--no-stream', '--format', '{{.MemUsage}}', ...ids], 300_000);
  return lines(out).map((line) => {
    const match = /^([\d.]+)(B|KiB|MiB|GiB)/.exec(line.trim());
    return match ? Number(match[1]) * (UNITS[match[2] as string] ?? 1) : Number.NaN;
  });
}
