/**
 * The command-line tools the bench uses around the server. Lab nodes are Incus system
 * containers: finding them, the clean-up of a bench's leftovers and the bare references go
 * through the `incus` CLI, the commands an operator would type. The host's Docker engine is
 * used only for the `docker run` reference (measures/references.ts), the figure issue 10
 * compares lab starts with. The CLIs (not the REST API) keep bench/ outside runtime/.
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

export async function incus(args: string[], timeoutMs = 120_000): Promise<string> {
  const running = execFileAsync('incus', args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  // `incus launch` reads a configuration from a standard input that is not a terminal: end it.
  running.child.stdin?.end();
  const { stdout } = await running;
  return stdout.trim();
}

/** `incus query PATH`: the REST API's answer (its metadata), parsed. */
export async function incusQuery<T>(path: string, timeoutMs = 60_000): Promise<T> {
  return JSON.parse(await incus(['query', path], timeoutMs)) as T;
}

const lines = (text: string) => text.split('\n').filter((line) => line.length > 0);

/** Incus user keys of runtime/incus/node-instance.ts (Dockyard's labels on its nodes). */
const KEY = {
  managed: 'user.dockyard.managed',
  instance: 'user.dockyard.instance',
  session: 'user.dockyard.session',
  spare: 'user.dockyard.spare',
} as const;

export interface NodeInstance {
  name: string;
  status: string;
  created_at: string;
  config: Record<string, string>;
}

interface IncusNetwork {
  name: string;
  managed: boolean;
  config: Record<string, string>;
  used_by: string[] | null;
}

/** Every Dockyard lab node on this machine's Incus, of any Dockyard instance. */
export async function dockyardNodes(): Promise<NodeInstance[]> {
  const all = await incusQuery<NodeInstance[]>('/1.0/instances?recursion=1');
  return all.filter((i) => i.config[KEY.managed] === 'true');
}

/** The lab nodes (spares included) of one Dockyard instance (`DOCKYARD_INSTANCE`). */
export async function nodesOf(instance: string): Promise<NodeInstance[]> {
  return (await dockyardNodes()).filter((i) => i.config[KEY.instance] === instance);
}

/**
 * Deletes every Incus instance labelled with this Dockyard instance (stopped at once: force),
 * then the session bridges of this instance that no instance uses any more, so a bench never
 * leaves nodes behind, even after a crash. Returns how many instances went.
 */
export async function removeInstance(instance: string): Promise<number> {
  const names = (await nodesOf(instance)).map((i) => i.name);
  // A few at a time on the command line; the stopping server removes its spare nodes at the
  // same time: "not found" means the instance is gone anyway.
  for (let i = 0; i < names.length; i += 10) {
    await incus(['delete', '--force', ...names.slice(i, i + 10)], 300_000).catch(async () => {
      for (const name of names.slice(i, i + 10)) {
        await incus(['delete', '--force', name], 120_000).catch((err: Error) => {
          if (!/not found/i.test(err.message)) throw err;
        });
      }
    });
  }
  const networks = await incusQuery<IncusNetwork[]>('/1.0/networks?recursion=1');
  for (const network of networks.filter((n) => n.managed && n.config[KEY.instance] === instance)) {
    if ((network.used_by ?? []).length === 0) await incus(['network', 'delete', network.name]).catch(() => undefined);
  }
  return names.length;
}

/**
 * Unmounts and deletes node disks the retired Docker runtime (runtime/docker/node-disk.ts)
 * kept in `dir`. Incus nodes have no such disks (their root is a btrfs clone in Incus's
 * pool); kept for the leftovers of earlier runs and for the tests that still call it.
 */
export async function removeNodeDisks(dir: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries.filter((e) => e.isDirectory())) {
    await execFileAsync('umount', ['-l', join(dir, entry.name)]).catch(() => undefined);
  }
  await rm(dir, { recursive: true, force: true });
}

/** Whether a spare node (warm pool) of this instance is running and its inner engine answers. */
export async function spareReady(instance: string): Promise<boolean> {
  const spares = (await nodesOf(instance)).filter((i) => i.config[KEY.spare] === 'true' && i.status === 'Running');
  for (const spare of spares) {
    const answers = await incus(['exec', spare.name, '--', 'docker', 'info', '--format', 'ok'], 10_000).catch(() => '');
    if (answers === 'ok') return true;
  }
  return false;
}

/**
 * Sandboxes of others on this machine, a sign of a disturbed run: Incus lab nodes of other
 * Dockyard instances (other engineers' tests) and containers of the retired Docker runtime.
 */
export async function foreignSandboxes(instance: string): Promise<{ incus: number; docker: number }> {
  const incusNodes = (await dockyardNodes()).filter((i) => i.config[KEY.instance] !== instance && i.status === 'Running').length;
  const dockerSandboxes = lines(await docker(['ps', '-q', '--filter', 'label=dockyard.managed=true']).catch(() => '')).length;
  return { incus: incusNodes, docker: dockerSandboxes };
}

/** The Incus instance of one session's (first) node. */
export async function sandboxOf(sessionId: string): Promise<string> {
  const node = (await dockyardNodes()).find((i) => i.config[KEY.session] === sessionId && i.config[KEY.spare] !== 'true');
  if (!node) throw new Error(`no node for session ${sessionId}`);
  return node.name;
}
