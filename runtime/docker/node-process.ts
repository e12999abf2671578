/**
 * Where a node lives on the host: the PID (in the host's PID namespace) of the node's PID 1,
 * and its cgroups. The server, root on the host, opens terminals straight into the node with
 * them (host-shell.ts).
 */
import { readFile, readdir } from 'node:fs/promises';

/** The node's init among the descendants of the container's first process (tini). */
export async function nodeInitPid(containerPid: number): Promise<number> {
  const queue = [containerPid];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    // NSpid lists the PID in each nested PID namespace: host, jail, node (where it is 1).
    const levels = /^NSpid:\s+(.*)$/m.exec(await readFile(`/proc/${pid}/status`, 'utf8'))?.[1]?.trim().split(/\s+/) ?? [];
    if (levels.length === 3 && levels[2] === '1') return pid;
    queue.push(...(await childrenOf(pid)));
  }
  throw new Error(`aucun nœud sous le processus ${containerPid}`);
}

export async function childrenOf(pid: number): Promise<number[]> {
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
  const lists = await Promise.all(tasks.map((task) => readFile(`/proc/${pid}/task/${task}/children`, 'utf8').catch(() => '')));
  return lists.flatMap((list) => list.split(/\s+/).filter(Boolean).map(Number));
}

/** The cgroup.procs files of a process's cgroups (cgroup v1 hierarchies and the unified one). */
export async function cgroupProcsFiles(pid: number): Promise<string[]> {
  const lines = (await readFile(`/proc/${pid}/cgroup`, 'utf8')).split('\n').filter(Boolean);
  return lines.map((line) => {
    const [, controllers, path] = /^\d+:([^:]*):(.*)$/.exec(line) ?? [];
    const hierarchy = controllers ? controllers.replace(/^name=/, '') : 'unified';
    return `/sys/fs/cgroup/${hierarchy}${path}/cgroup.procs`;
  });
}
