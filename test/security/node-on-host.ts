/**
 * Where a lab node shows on the host, read from Incus (the CLI, an independent witness) and
 * /proc, for probes that check what the host sees of a node's processes.
 */
import { execFile } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Host PID of the node's init (PID 1 inside it). */
export async function nodeInitPid(name: string): Promise<number> {
  const { stdout } = await run('incus', ['query', `/1.0/instances/${name}/state`]);
  return (JSON.parse(stdout) as { pid: number }).pid;
}

/** Host PIDs of every process of the node (its cgroup's members, nested ones included). */
export async function nodeProcesses(name: string): Promise<number[]> {
  const root = `/sys/fs/cgroup/pids/lxc.payload.${name}`;
  const pids: number[] = [];
  const walk = async (dir: string): Promise<void> => {
    const procs = await readFile(`${dir}/cgroup.procs`, 'utf8').catch(() => '');
    pids.push(...procs.split('\n').filter(Boolean).map(Number));
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    await Promise.all(entries.filter((e) => e.isDirectory()).map((e) => walk(`${dir}/${e.name}`)));
  };
  await walk(root);
  return pids;
}

/** The [first host uid, count] of the node's uid map. */
export async function hostUidRange(name: string): Promise<[number, number]> {
  const map = await readFile(`/proc/${await nodeInitPid(name)}/uid_map`, 'utf8');
  const [, first, count] = map.trim().split(/\s+/).map(Number);
  return [first ?? 0, count ?? 0];
}
