/**
 * Shared fixtures of the runtime integration tests: real Incus, real images, real sandboxes
 * (never mocks). The incus CLI is used as an independent witness of the engine's state, so
 * the tests do not trust the driver to check itself; the docker CLI speaks for the host's
 * Docker engine, which builds the images and runs the registry.
 */
import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import type { SandboxSpec, Shell } from '@/runtime/driver';

const run = promisify(execFile);

export const SANDBOX_IMAGE = 'dockyard/node:latest';
/** Docker images the tests need: the registry's, and catalog images it serves to nodes. */
const REQUIRED_IMAGES = [
  'dockyard/registry:latest',
  'localhost:5000/library/hello-world:latest',
  'localhost:5000/library/busybox:latest',
];

/** A command line; resolves with exit code and output instead of throwing. */
async function cli(command: string, args: string[]): Promise<{ code: number; out: string }> {
  try {
    const pending = run(command, args, { maxBuffer: 16 * 1024 * 1024 });
    // An empty standard input: `incus init` and `incus launch` read a config from a piped one,
    // and would wait for it forever.
    pending.child.stdin?.end();
    const { stdout, stderr } = await pending;
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code?: number | string; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

export const dockerCli = (...args: string[]) => cli('docker', args);
export const incusCli = (...args: string[]) => cli('incus', args);

/** Fails with the command to run when build-all.sh has not been run on this machine. */
export async function requireImages(): Promise<void> {
  const docker = await dockerCli('image', 'inspect', '--format', '{{.Id}}', ...REQUIRED_IMAGES);
  const incus = await incusCli('image', 'info', SANDBOX_IMAGE);
  const { code, out } = docker.code !== 0 ? docker : incus;
  if (code !== 0) {
    throw new Error(
      `Images Dockyard manquantes : lancez « bash runtime/images/build-all.sh » puis relancez les tests.\n${out}`,
    );
  }
}

export function testSpec(node = 'node1'): SandboxSpec {
  return { sessionId: `test-${randomUUID().slice(0, 8)}`, lab: 'test-runtime', image: SANDBOX_IMAGE, node };
}

/** Everything a shell printed so far, and a way to wait for a pattern in it. */
export function recordShell(shell: Shell): { text: () => string; waitFor: (re: RegExp, ms?: number) => Promise<string> } {
  let text = '';
  const waiters = new Set<() => void>();
  shell.onData((chunk) => {
    text += chunk;
    for (const check of waiters) check();
  });
  return {
    text: () => text,
    waitFor: (re, ms = 10_000) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const match = re.exec(text);
          if (match) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(match[0]);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${re} non vu dans la sortie du shell :\n${text.slice(-2000)}`));
        }, ms);
        waiters.add(check);
        check();
      }),
  };
}

/**
 * Tests label their sandboxes apart, so a Dockyard running on this machine is never touched,
 * and per checkout: two checkouts running their suites on one Incus must not reap each
 * other's nodes (a test's reaper removes every node of its instance it does not know).
 */
export const TEST_INSTANCE = `integration-${createHash('sha256').update(process.cwd()).digest('hex').slice(0, 8)}`;

/**
 * Waits until btrfs counts the pools' usage again (no quota group marked inconsistent), as
 * runtime/incus/pool-quotas.sh's watcher sees to within seconds: a node's disk quota holds
 * only then. Fails saying so when it does not come back.
 */
export async function quotasCounted(timeoutMs = 30_000): Promise<void> {
  const flags = async () => (await cli('bash', ['-c', 'cat /sys/fs/btrfs/*/qgroups/inconsistent 2>/dev/null'])).out;
  const deadline = Date.now() + timeoutMs;
  while ((await flags()).includes('1')) {
    if (Date.now() > deadline) {
      throw new Error('Les quotas btrfs du pool restent incohérents : lancez « bash runtime/incus/pool-quotas.sh dockyard » (son surveillant les recompte).');
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
