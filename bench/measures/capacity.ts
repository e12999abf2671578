/**
 * Idle Docker-lab sessions that fit: sessions started through the HTTP API, one student (one
 * cookie jar) each, until the cap, a refused start, or less than 4 GiB of MemAvailable. Each
 * session's terminal is then opened once through the driver, as the server does when a
 * browser attaches (its tmux session and bash start in the node), and let go, as when the
 * student leaves the tab: an idle session is a node with its engine, its shell and nothing else.
 *
 * Memory, after the nodes settled (lib/node-memory.ts says exactly what is counted):
 * - per node, Σ Pss of its processes (RSS + mapped files, each resident page once), with its
 *   anonymous and file-backed parts and the plain Σ Rss beside it;
 * - per node, its memory cgroup (page cache it read but does not map included);
 * - the drop of the host's MemAvailable over all the sessions, divided by their number.
 * A session counts as answering only if its inner engine answers `docker version` by exec.
 */
import type { IncusSandboxDriver } from '../../runtime/incus/incus-driver';
import { memAvailableBytes } from '../lib/machine';
import { nodeMemory, processTree, type NodeMemory } from '../lib/node-memory';
import { mapLimit, sleep } from '../lib/stats';
import { Student } from '../lib/student';

const MEMORY_FLOOR = 4 * 2 ** 30;
/** Starts at once: two cores, so more only queue inside incusd and blur the stop condition. */
const PARALLEL_STARTS = 3;
const SETTLE_MS = 20_000;
const SHELL_READY_MS = 15_000;
/** Terminal escape sequences (CSI, charset, keypad), to read the screen's text. */
const ESCAPES = new RegExp(`${String.fromCharCode(27)}(?:\\[[0-9;?>]*[ -/]*[@-~]|\\([0-9A-Za-z]|[=>])`, 'g');

export interface CapacityResult {
  started: number;
  answering: number;
  /** Shells opened once and let go (tmux + bash left running in the node). */
  shellsOpened: number;
  stoppedBecause: string;
  /** Starts refused once, then made on a retry: why. */
  retried: string[];
  memAvailableBeforeGiB: number;
  memAvailableAfterGiB: number;
  /** MemAvailable drop over the sessions, per session. */
  memAvailableDropMiBPerSession: number | null;
  startSeconds: number;
  /** Per-node figures, one per session's node read on the host. */
  nodes: NodeMemory[];
}

export async function measureCapacity(
  baseUrl: string,
  driver: IncusSandboxDriver,
  cap: number,
  log: (line: string) => void,
): Promise<CapacityResult> {
  const before = await memAvailableBytes();
  const sessions: Array<{ student: Student; id: string }> = [];
  let stoppedBecause = `the cap (BENCH_SESSIONS=${cap})`;
  const retried: string[] = [];
  let stop = false;
  const started = performance.now();
  await mapLimit(
    Array.from({ length: cap }, (_, i) => i),
    PARALLEL_STARTS,
    async (index) => {
      if (stop) return;
      if ((await memAvailableBytes()) < MEMORY_FLOOR) {
        stop = true;
        stoppedBecause = 'MemAvailable under 4 GiB';
        return;
      }
      const student = new Student(baseUrl);
      let refusal: string | undefined;
      try {
        // A refusal can be Incus's answer to a passing conflict (another Dockyard on this
        // machine making its bridges at the same time): one retry, noted; a second one stops.
        const session = await student.startLab().catch(async (err: unknown) => {
          refusal = (err as Error).message;
          await sleep(2_000);
          return student.startLab();
        });
        if (refusal) retried.push(`#${index + 1}: ${refusal}`);
        sessions.push({ student, id: session.id });
        if (sessions.length % 10 === 0) log(`  ${sessions.length} sessions running`);
      } catch (err) {
        if (!stop) stoppedBecause = `start #${index + 1} refused twice: ${refusal ?? ''} / ${(err as Error).message}`;
        stop = true;
      }
    },
  );
  const startSeconds = (performance.now() - started) / 1000;

  // Only this measure's nodes: a session left open by an earlier measure must not count.
  const ours = new Set(sessions.map((s) => s.id));
  const sandboxes = (await driver.list()).filter((sandbox) => ours.has(sandbox.sessionId));
  const opened = await mapLimit(sandboxes, 4, (sandbox) => openShellOnce(driver, sandbox.id));
  await sleep(SETTLE_MS);
  const after = await memAvailableBytes();

  const tree = await processTree();
  const nodes = await mapLimit(sandboxes, 4, (sandbox) => nodeMemory(sandbox.id, tree));
  const answers = await mapLimit(sandboxes, 4, async (sandbox) => {
    const probe = await driver.exec(sandbox.id, ['docker', 'version', '--format', '{{.Server.Version}}'], { timeoutMs: 20_000 }).catch(() => null);
    return probe?.exitCode === 0;
  });

  // Ended through the API, as a student would; the bench's final clean-up catches any left.
  await mapLimit(sessions, 4, ({ student, id }) => student.endSession(id).catch(() => undefined));
  return {
    started: sessions.length,
    answering: answers.filter(Boolean).length,
    shellsOpened: opened.filter(Boolean).length,
    stoppedBecause,
    retried,
    memAvailableBeforeGiB: before / 2 ** 30,
    memAvailableAfterGiB: after / 2 ** 30,
    memAvailableDropMiBPerSession: sessions.length > 0 ? (before - after) / sessions.length / 2 ** 20 : null,
    startSeconds,
    nodes,
  };
}

/** Attaches the node's terminal (tmux + bash start), waits for its first screen, lets go. */
async function openShellOnce(driver: IncusSandboxDriver, id: string): Promise<boolean> {
  const shell = await driver.attachShell(id, { cols: 120, rows: 30 }).catch(() => undefined);
  if (!shell) return false;
  try {
    return await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), SHELL_READY_MS);
      let screen = '';
      shell.onData((chunk) => {
        // The prompt (root@node1:~# ) is coloured: read it without its escape sequences.
        screen += chunk.replace(ESCAPES, '');
        if (screen.includes(':~# ')) {
          clearTimeout(timer);
          resolve(true);
        }
      });
    });
  } finally {
    shell.detach();
  }
}
