/**
 * Labs that last: how long a pause and a resume take, and what a paused lab holds, for a lab
 * left as a student who solved it leaves it (lab:test's solutions, run in a real session), then
 * the same session holding 500 MB of images or more. Through the session service (no HTTP in
 * front: its few milliseconds are not the point); each resume is checked: a file written before
 * the pause and the containers are still there.
 */
import type { SandboxDriver } from '../../runtime/driver';
import type { SessionService } from '../../server/sessions/session-service';

export interface PauseResumeSample {
  lab: string;
  /** What the machines held: their Docker images (`docker system df`), MiB. */
  imagesMiB: number;
  /** What the paused lab counts against the student's quota, MiB. */
  storageMiB: number;
  pauseMs: number;
  resumeMs: number;
  /** The file and the containers were there after the resume. */
  intact: boolean;
  /** When not intact: what was seen before and after. */
  seen?: { before: string; after: string };
}

const UNITS: Record<string, number> = { B: 1 / 2 ** 20, kB: 1e3 / 2 ** 20, MB: 1e6 / 2 ** 20, GB: 1e9 / 2 ** 20 };

/** Images' size on a node, from `docker system df` (e.g. « Images 512.3MB »). */
async function imagesMiB(driver: SandboxDriver, sandboxId: string): Promise<number> {
  const df = await driver.exec(sandboxId, ['docker', 'system', 'df', '--format', '{{.Type}} {{.Size}}'], { timeoutMs: 60_000 });
  const match = /^Images ([\d.]+)([a-zA-Z]+)$/m.exec(df.output);
  return match ? Math.round(Number(match[1]) * (UNITS[match[2] ?? ''] ?? 0)) : 0;
}

/** A file, and the number of containers: what must be there after the resume. */
const FINGERPRINT = 'cat /root/.bench-marker 2>/dev/null; docker ps -aq | wc -l';

export async function pauseAndResume(sessions: SessionService, driver: SandboxDriver, owner: string, sessionId: string, lab: string): Promise<PauseResumeSample> {
  const { sandboxId } = await sessions.sandboxFor(owner, sessionId);
  const sh = (script: string) => driver.exec(sandboxId, ['bash', '-c', script], { timeoutMs: 120_000 });
  await sh(`echo ${sessionId} >/root/.bench-marker`);
  const before = (await sh(FINGERPRINT)).output;
  const images = await imagesMiB(driver, sandboxId);

  let started = performance.now();
  await sessions.pause(owner, sessionId);
  const pauseMs = performance.now() - started;
  const storage = await sessions.pausedStorage(owner);
  const storageMiB = storage.labs.find((paused) => paused.sessionId === sessionId)?.storageMiB ?? 0;

  started = performance.now();
  await sessions.resume(owner, sessionId);
  const resumeMs = performance.now() - started;
  const after = (await sh(FINGERPRINT)).output;
  const intact = after === before;
  return { lab, imagesMiB: images, storageMiB, pauseMs, resumeMs, intact, ...(!intact && { seen: { before, after } }) };
}

/** Catalog images pulled until the node holds at least `mib` of them (from the offline mirror). */
export async function growImages(driver: SandboxDriver, sessions: SessionService, owner: string, sessionId: string, mib: number): Promise<number> {
  const { sandboxId } = await sessions.sandboxFor(owner, sessionId);
  for (const image of ['golang:latest', 'node:latest', 'python:latest', 'postgres:latest']) {
    if ((await imagesMiB(driver, sandboxId)) >= mib) break;
    await driver.exec(sandboxId, ['docker', 'pull', '-q', image], { timeoutMs: 300_000 });
  }
  return imagesMiB(driver, sandboxId);
}
