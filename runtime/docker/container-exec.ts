/**
 * One command run to completion in a container by `docker exec`: output (stdout and stderr
 * in the order a person would see them, capped), exit code, stdin, environment, deadline.
 */
import type Docker from 'dockerode';
import type { ExecOptions, ExecResult } from '../driver';
import { RuntimeError, RuntimeTimeoutError } from '../errors';
import { toRuntimeError } from './docker-errors';
import { OutputCollector, execExitCode, streamFinished } from './exec-io';

/** The in-container `timeout` gets this long to kill the command before we give up ourselves. */
const TIMEOUT_BACKSTOP_MS = 2_000;

/**
 * @param prefix what runs the command (e.g. `dockyard-enter` to run it inside the node); the
 *   deadline and the joining of outputs apply to the command itself, after the prefix.
 */
export async function execInContainer(
  docker: Docker,
  id: string,
  [prefix, command]: [string[], string[]],
  options: ExecOptions,
  maxOutputBytes: number,
): Promise<ExecResult> {
  if (command.length === 0) throw new TypeError('exec : commande vide');
  const { stdin, timeoutMs, env } = options;
  // Docker reads stdout and stderr in two goroutines, so their order is lost; joining them
  // at the file descriptor level (2>&1) keeps the order a person would see.
  const joined = ['/bin/sh', '-c', 'exec "$@" 2>&1', 'dockyard-exec', ...command];
  // Docker cannot kill an exec: the sandbox's own `timeout` kills the command's whole
  // process group (coreutils, and busybox, have it).
  const bounded = timeoutMs === undefined ? joined : ['timeout', '-s', 'KILL', String(timeoutMs / 1000), ...joined];
  const collector = new OutputCollector(maxOutputBytes);
  try {
    const exec = await docker.getContainer(id).exec({
      Cmd: [...prefix, ...bounded],
      AttachStdin: stdin !== undefined,
      AttachStdout: true,
      AttachStderr: true,
      Tty: false,
      Env: Object.entries(env ?? {}).map(([k, v]) => `${k}=${v}`),
    });
    const started = Date.now();
    const stream = await exec.start({ hijack: true, stdin: stdin !== undefined });
    stream.on('data', (chunk: Buffer) => collector.push(chunk));
    // Half-close: the command sees end of file once it has read everything.
    if (stdin !== undefined) stream.end(stdin);

    let timer: NodeJS.Timeout | undefined;
    const backstop = new Promise<'late'>((resolve) => {
      if (timeoutMs !== undefined) timer = setTimeout(() => resolve('late'), timeoutMs + TIMEOUT_BACKSTOP_MS);
    });
    const outcome = await Promise.race([streamFinished(stream).then(() => 'done' as const), backstop]);
    clearTimeout(timer);
    const what = `La commande ${command[0]}`;
    if (outcome === 'late') {
      stream.destroy();
      throw new RuntimeTimeoutError(what, timeoutMs ?? 0, collector.text());
    }
    const exitCode = await execExitCode(exec);
    if (exitCode === null) {
      await docker.getContainer(id).inspect(); // 404 here means the sandbox vanished
      throw new RuntimeError('engine_error', "Le moteur Docker n'a pas donné le code de sortie de la commande.");
    }
    // 137 = killed by SIGKILL: ours if the deadline had passed.
    if (timeoutMs !== undefined && exitCode === 137 && Date.now() - started >= timeoutMs) {
      throw new RuntimeTimeoutError(what, timeoutMs, collector.text());
    }
    return { exitCode, output: collector.text() };
  } catch (err) {
    throw toRuntimeError(err, id);
  }
}
