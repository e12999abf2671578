/**
 * Idle Docker-lab sessions that fit: sessions started through the HTTP API, one student (one
 * cookie jar) each, until the cap, a refused start, or less than 4 GiB of MemAvailable.
 * Memory per session is the drop in MemAvailable over the sessions, after the inner engines
 * settled; a session counts only if its inner engine still answers (`docker version` by exec).
 */
import { DockerSandboxDriver } from '../../runtime/docker/docker-driver';
import { containerMemoryMiB } from '../lib/docker-cli';
import { memAvailableBytes } from '../lib/machine';
import { mapLimit, sleep } from '../lib/stats';
import { Student } from '../lib/student';

const MEMORY_FLOOR = 4 * 2 ** 30;
/** Starts at once: two cores, so more only queue inside dockerd and blur the stop condition. */
const PARALLEL_STARTS = 3;
const SETTLE_MS = 10_000;

export interface CapacityResult {
  started: number;
  answering: number;
  memPerSessionMiB: number | null;
  stoppedBecause: string;
  memAvailableBeforeGiB: number;
  memAvailableAfterGiB: number;
  startSeconds: number;
  /** Mean cgroup memory of one sandbox (docker stats), a cross-check of memPerSessionMiB. */
  cgroupMiBPerSandbox: number | null;
}

export async function measureCapacity(
  baseUrl: string,
  driver: DockerSandboxDriver,
  cap: number,
  log: (line: string) => void,
): Promise<CapacityResult> {
  const before = await memAvailableBytes();
  const sessions: Array<{ student: Student; id: string }> = [];
  let stoppedBecause = `the cap (BENCH_SESSIONS=${cap})`;
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
      try {
        const session = await student.startLab();
        sessions.push({ student, id: session.id });
        if (sessions.length % 10 === 0) log(`  ${sessions.length} sessions running`);
      } catch (err) {
        if (!stop) stoppedBecause = `start #${index + 1} failed: ${(err as Error).message}`;
        stop = true;
      }
    },
  );
  const startSeconds = (performance.now() - started) / 1000;
  await sleep(SETTLE_MS);
  const after = await memAvailableBytes();

  // Only this measure's sandboxes: a session left open by an earlier measure must not count.
  const ours = new Set(sessions.map((s) => s.id));
  const sandboxes = (await driver.list()).filter((sandbox) => ours.has(sandbox.sessionId));
  const answers = await mapLimit(sandboxes, 4, async (sandbox) => {
    const probe = await driver.exec(sandbox.id, ['docker', 'version', '--format', '{{.Server.Version}}'], { timeoutMs: 20_000 }).catch(() => null);
    return probe?.exitCode === 0;
  });
  const answering = answers.filter(Boolean).length;
  const cgroup = (await containerMemoryMiB(sandboxes.map((s) => s.id)).catch(() => [])).filter(Number.isFinite);

  // Ended through the API, as a student would; the bench's final clean-up catches any left.
  await mapLimit(sessions, 4, ({ student, id }) => student.endSession(id).catch(() => undefined));
  return {
    started: sessions.length,
    answering,
    memPerSessionMiB: sessions.length > 0 ? (before - after) / sessions.length / 2 ** 20 : null,
    stoppedBecause,
    memAvailableBeforeGiB: before / 2 ** 30,
    memAvailableAfterGiB: after / 2 ** 30,
    startSeconds,
    cgroupMiBPerSandbox: cgroup.length > 0 ? cgroup.reduce((a, b) => a + b, 0) / cgroup.length : null,
  };
}
