/**
 * What one lab node costs in memory, read on the host. A node's processes are found twice
 * over, and the union is kept: every process in the node's cgroups (cgroup.procs of
 * `lxc.payload.NAME` and of every cgroup below it, e.g. the inner Docker engine's), and
 * every descendant of the node's init (its host PID from `incus query
 * /1.0/instances/NAME/state`).
 *
 * For each process, /proc/PID/smaps_rollup gives:
 * - Rss: its resident pages, anonymous and file-backed (mapped files: binaries, libraries,
 *   any mmap'ed file) and shmem;
 * - Pss: the same pages, each divided by the number of processes mapping it.
 * Summed over the node, Σ Rss counts a library page once per process that maps it (an upper
 * bound), while Σ Pss counts every resident page once as long as only the node's own
 * processes map it, which is the case on btrfs: each node's files are its own clone, whose
 * pages no other node shares (overlay2 layers did share them). Σ Pss is the node's
 * "RSS + mapped files"; its anonymous and file-backed parts are given apart.
 *
 * The node's memory cgroup is read as a second figure: it also charges page cache that no
 * process maps (files read once, e.g. at boot) and some kernel memory, and it is what
 * `limits.memory` caps.
 */
import { readdir, readFile } from 'node:fs/promises';
import { incusQuery } from './docker-cli';

export interface NodeMemory {
  name: string;
  processes: number;
  /** Σ Rss (anonymous + file-backed + shmem resident pages), KiB: pages shared inside the node counted per process. */
  rssKiB: number;
  /** Σ Anonymous, KiB (part of rssKiB). */
  rssAnonKiB: number;
  /** Σ Pss, KiB: every resident page of the node's processes once. */
  pssKiB: number;
  pssAnonKiB: number;
  pssFileKiB: number;
  pssShmemKiB: number;
  cgroup: CgroupMemory | null;
}

export interface CgroupMemory {
  /** memory.usage_in_bytes (cgroup v1) or memory.current (v2), the node's cgroup tree. */
  usageBytes: number;
  /** Anonymous memory (v1 total_rss, v2 anon). */
  anonBytes: number;
  /** Page cache, mapped or not (v1 total_cache, v2 file). */
  cacheBytes: number;
  /** Page cache mapped by processes (v1 total_mapped_file, v2 file_mapped). */
  mappedFileBytes: number;
}

/** Every process on the host now, as parent pid → its children's pids. */
export async function processTree(): Promise<Map<number, number[]>> {
  const children = new Map<number, number[]>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (Number.isInteger(ppid)) children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  return children;
}

export async function nodeMemory(name: string, tree: Map<number, number[]>): Promise<NodeMemory> {
  const pids = new Set<number>(await cgroupProcs(name));
  const state = await incusQuery<{ pid?: number }>(`/1.0/instances/${name}/state`).catch(() => ({ pid: undefined }));
  if (state.pid && state.pid > 0) for (const pid of descendants(state.pid, tree)) pids.add(pid);
  const total = { rss: 0, anon: 0, pss: 0, pssAnon: 0, pssFile: 0, pssShmem: 0 };
  let processes = 0;
  for (const pid of pids) {
    const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
    if (!rollup) continue; // exited meanwhile, or a kernel thread
    const field = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0);
    processes += 1;
    total.rss += field('Rss');
    total.anon += field('Anonymous');
    total.pss += field('Pss');
    total.pssAnon += field('Pss_Anon');
    total.pssFile += field('Pss_File');
    total.pssShmem += field('Pss_Shmem');
  }
  return {
    name,
    processes,
    rssKiB: total.rss,
    rssAnonKiB: total.anon,
    pssKiB: total.pss,
    pssAnonKiB: total.pssAnon,
    pssFileKiB: total.pssFile,
    pssShmemKiB: total.pssShmem,
    cgroup: await cgroupMemory(name),
  };
}

/** The node's memory cgroup: cgroup v1's memory hierarchy, or the unified (v2) one. */
async function memoryCgroupDir(name: string): Promise<{ dir: string; v2: boolean } | null> {
  const v1 = `/sys/fs/cgroup/memory/lxc.payload.${name}`;
  if (await readFile(`${v1}/memory.usage_in_bytes`, 'utf8').then(() => true, () => false)) return { dir: v1, v2: false };
  const v2 = `/sys/fs/cgroup/lxc.payload.${name}`;
  if (await readFile(`${v2}/memory.current`, 'utf8').then(() => true, () => false)) return { dir: v2, v2: true };
  return null;
}

/** Every process in the node's cgroup and the cgroups below it (the inner engine makes some). */
async function cgroupProcs(name: string): Promise<number[]> {
  const roots = [`/sys/fs/cgroup/memory/lxc.payload.${name}`, `/sys/fs/cgroup/pids/lxc.payload.${name}`, `/sys/fs/cgroup/lxc.payload.${name}`];
  const found: number[] = [];
  const walk = async (dir: string): Promise<void> => {
    const procs = await readFile(`${dir}/cgroup.procs`, 'utf8').catch(() => '');
    found.push(...procs.split('\n').filter(Boolean).map(Number));
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.filter((e) => e.isDirectory())) await walk(`${dir}/${entry.name}`);
  };
  for (const root of roots) await walk(root);
  return found;
}

function descendants(root: number, children: Map<number, number[]>): number[] {
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    found.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

async function cgroupMemory(name: string): Promise<CgroupMemory | null> {
  const cgroup = await memoryCgroupDir(name);
  if (!cgroup) return null;
  const stat = await readFile(`${cgroup.dir}/memory.stat`, 'utf8').catch(() => '');
  const field = (key: string) => Number(new RegExp(`^${key} (\\d+)$`, 'm').exec(stat)?.[1] ?? Number.NaN);
  const usage = Number((await readFile(`${cgroup.dir}/${cgroup.v2 ? 'memory.current' : 'memory.usage_in_bytes'}`, 'utf8')).trim());
  return cgroup.v2
    ? { usageBytes: usage, anonBytes: field('anon'), cacheBytes: field('file'), mappedFileBytes: field('file_mapped') }
    : { usageBytes: usage, anonBytes: field('total_rss'), cacheBytes: field('total_cache'), mappedFileBytes: field('total_mapped_file') };
}
