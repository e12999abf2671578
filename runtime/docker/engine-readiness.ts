/**
 * Waiting for a new node's Docker engine to answer (it starts in about a second), and saying
 * why when it does not: the container's last log lines go into the error.
 */
import type Docker from 'dockerode';
import type { ExecResult } from '../driver';
import { RuntimeError, RuntimeTimeoutError, SandboxStartError } from '../errors';
import { OutputCollector, sleep } from './exec-io';

export async function waitForEngine(
  docker: Docker,
  id: string,
  probe: () => Promise<ExecResult>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const answer = await probe();
      if (answer.exitCode === 0) return;
      last = answer.output.trim();
    } catch (err) {
      if (!(err instanceof RuntimeTimeoutError) && !(err instanceof RuntimeError && err.code === 'sandbox_not_running')) throw err;
      last = err.message;
    }
    const state = (await docker.getContainer(id).inspect()).State;
    if (!state.Running) {
      throw new SandboxStartError(`le conteneur s'est arrêté (code ${state.ExitCode}) : ${await logsTail(docker, id)}`);
    }
    await sleep(100);
  }
  throw new SandboxStartError(`le moteur Docker interne ne répond pas après ${timeoutMs / 1000} s : ${last}\n${await logsTail(docker, id)}`);
}

async function logsTail(docker: Docker, id: string): Promise<string> {
  try {
    const logs = await docker.getContainer(id).logs({ stdout: true, stderr: true, tail: 20, follow: false });
    const collector = new OutputCollector(16 * 1024);
    collector.push(Buffer.isBuffer(logs) ? logs : Buffer.from(String(logs)));
    return collector.text();
  } catch {
    return '';
  }
}
