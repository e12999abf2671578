/**
 * One command run to completion inside a node through Incus's exec API: output (stdout and
 * stderr in the order a person would see them, capped), exit code, stdin, environment,
 * deadline. The command runs inside the node's namespaces, as the node's root (an
 * unprivileged uid on the host): nothing from the node's files ever runs outside it.
 */
import type WebSocket from 'ws';
import type { ExecOptions, ExecResult } from '../driver';
import { RuntimeTimeoutError } from '../errors';
import { IncusApiError, type IncusClient } from './incus-client';
import { toRuntimeError } from './incus-errors';

/** The in-node `timeout` gets this long to kill the command before we give up ourselves. */
const TIMEOUT_BACKSTOP_MS = 2_000;
/**
 * Output still in flight when Incus reports the end of the command gets this long to arrive.
 * Its sockets close as soon as it has; 1 s was too little while a neighbour's memory bomb
 * kept the machine busy (an `echo` came back empty in CI).
 */
const DRAIN_MS = 10_000;
/** What every command finds in its environment, as in a login on the node. */
export const NODE_ENV = { HOME: '/root', LANG: 'C.UTF-8', PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' };

export async function execInNode(
  client: IncusClient,
  name: string,
  command: string[],
  options: ExecOptions,
  maxOutputBytes: number,
): Promise<ExecResult> {
  if (command.length === 0) throw new TypeError('exec : commande vide');
  const { stdin, timeoutMs, env, keepStderr } = options;
  // Incus forwards stdout and stderr on two websockets, so their order would be lost;
  // joining them at the file descriptor level (2>&1) keeps the order a person would see.
  // A caller that needs stderr alone (keepStderr) gets them apart, merged in arrival order.
  const joined = keepStderr ? command : ['/bin/sh', '-c', 'exec "$@" 2>&1', 'dockyard-exec', ...command];
  // `timeout` in the node kills the command's whole process group, not just its first process.
  const bounded = timeoutMs === undefined ? joined : ['timeout', '-s', 'KILL', String(timeoutMs / 1000), ...joined];
  const output = new CappedOutput(maxOutputBytes);
  const errors = keepStderr ? new CappedOutput(maxOutputBytes) : null;
  const sockets: WebSocket[] = [];
  try {
    const op = await client.start(`/1.0/instances/${name}/exec`, {
      command: bounded,
      environment: { ...NODE_ENV, ...env },
      cwd: '/root',
      interactive: false,
      'wait-for-websocket': true,
    });
    const fds = (op.metadata?.fds ?? {}) as Record<string, string>;
    const open = (fd: string) => client.openWebSocket(op.id, fds[fd] ?? '');
    const [input, out, err, control] = await Promise.all([open('0'), open('1'), open('2'), open('control')]);
    sockets.push(input, out, err, control);
    out.on('message', (data: Buffer) => output.push(data));
    err.on('message', (data: Buffer) => {
      output.push(data);
      errors?.push(data);
    });
    const drained = Promise.all([out, err].map((ws) => new Promise((resolve) => ws.once('close', resolve))));
    // Closing standard input's socket is the command's end of file.
    if (stdin !== undefined) input.send(Buffer.from(stdin, 'utf8'));
    input.close();

    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const backstop = new Promise<'late'>((resolve) => {
      if (timeoutMs !== undefined) timer = setTimeout(() => resolve('late'), timeoutMs + TIMEOUT_BACKSTOP_MS);
    });
    const finished = client.waitOperation(op.id, Math.ceil((timeoutMs ?? 600_000) / 1000) + 5).catch(exitStatusOfFailure);
    const outcome = await Promise.race([finished, backstop]);
    clearTimeout(timer);
    const what = `La commande ${command[0]}`;
    if (outcome === 'late') throw new RuntimeTimeoutError(what, timeoutMs ?? 0, output.text());
    await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, DRAIN_MS))]);
    const exitCode = Number(outcome.metadata?.return ?? -1);
    // 137 = killed by SIGKILL: ours if the deadline had passed.
    if (timeoutMs !== undefined && exitCode === 137 && Date.now() - started >= timeoutMs) {
      throw new RuntimeTimeoutError(what, timeoutMs, output.text());
    }
    return errors ? { exitCode, output: output.text(), stderr: errors.text() } : { exitCode, output: output.text() };
  } catch (err) {
    throw toRuntimeError(err, name);
  } finally {
    for (const ws of sockets) ws.terminate();
  }
}

/**
 * Incus reports an exit status of 127 or 126 as a failed operation (« Command not found »,
 * « Command not executable »), whoever returned it: here, most often a script whose last
 * command does not exist on the node (`systemctl restart docker`). It is the command's exit
 * status, as a shell gives it, not a refusal of Incus's.
 */
const EXIT_STATUS_OF: Record<string, number> = { 'Command not found': 127, 'Command not executable': 126 };
function exitStatusOfFailure(error: unknown): { metadata: { return: number } } {
  const status = error instanceof IncusApiError ? EXIT_STATUS_OF[error.message] : undefined;
  if (status === undefined) throw error;
  return { metadata: { return: status } };
}

/** Output kept up to a size (a check printing forever must not hurt), decoded as UTF-8 once. */
class CappedOutput {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private truncated = false;

  constructor(private readonly maxBytes: number) {}

  push(data: Buffer): void {
    const room = this.maxBytes - this.size;
    if (data.length > room) this.truncated = true;
    const kept = data.length > room ? data.subarray(0, Math.max(room, 0)) : data;
    if (kept.length === 0) return;
    this.chunks.push(kept);
    this.size += kept.length;
  }

  text(): string {
    const out = Buffer.concat(this.chunks).toString('utf8');
    return this.truncated ? `${out}\n[… sortie tronquée à ${this.maxBytes} octets …]\n` : out;
  }
}
