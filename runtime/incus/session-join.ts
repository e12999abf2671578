/**
 * A node joins its session: inside it, `dockyard-join-session` takes the node's name and
 * address (again: a spare's eth0 made anew has none) and writes the session's names into its
 * /etc/hosts (session-hosts.ts); then every
 * other node of the session learns the newcomer's name, and all of them trust each other's SSH
 * keys (session-ssh.ts). The nodes of a lab join at the same
 * time: joins in one session go one after the other, each listing the nodes known at its turn,
 * so that the last one lists them all and two never rewrite a node's /etc/hosts together (that
 * left a node without names, even its own).
 */
import type { ExecOptions, ExecResult, SandboxSpec } from '../driver';
import { SandboxStartError } from '../errors';
import { NODE_GATEWAY, NODE_KEYS, type IncusInstance } from './node-instance';
import { hostsLines, publishSessionHosts, type SessionNode } from './session-hosts';
import { trustSessionKeys } from './session-ssh';
import { incusMessage } from './incus-errors';

type Exec = (name: string, command: string[], options: ExecOptions) => Promise<ExecResult>;

/** What every node is told as it joins, from the operator's settings. */
export interface NodeSettings {
  /** Run in each node before it joins, when the internet is on (node-egress.ts). */
  egress?: { command: string[]; stdin: string };
  /** The app's page of offline images, which the node's docker names when an image is missing. */
  catalogUrl?: string;
}

export class SessionJoins {
  private readonly turns = new Map<string, Promise<void>>();

  constructor(
    private readonly exec: Exec,
    private readonly nodes: () => Promise<IncusInstance[]>,
    private readonly warn: (message: string, detail: Record<string, unknown>) => void,
    private readonly node: NodeSettings = {},
  ) {}

  /** `subnet`: the session's /26, which names the session's nodes among all. */
  /** `again`: a node that had joined already comes back (resumed, restored): its egress settings are on its disk. */
  async join(
    name: string,
    spec: Pick<SandboxSpec, 'node' | 'aliases' | 'sessionNames'>,
    address: string,
    subnet: string,
    { again = false } = {},
  ): Promise<void> {
    const gateway = NODE_GATEWAY;
    const turn = (this.turns.get(subnet) ?? Promise.resolve()).then(async () => {
      const members = await this.members(subnet, { name, node: spec.node, aliases: spec.aliases ?? [], ip: address });
      // Before the join, which starts the student's shell: that shell must find the proxy set.
      if (this.node.egress && !again) await this.setUpEgress(name, this.node.egress, spec.sessionNames ?? [spec.node]);
      const joined = await this.exec(name, ['dockyard-join-session', spec.node, `${address}/32`, gateway, this.node.catalogUrl ?? ''], {
        stdin: hostsLines(gateway, members),
        timeoutMs: 10_000,
      });
      if (joined.exitCode !== 0) throw new SandboxStartError(joined.output);
      const others = members.filter((member) => member.name !== name);
      const run = (target: string, command: string[], stdin: string) => this.exec(target, command, { stdin, timeoutMs: 30_000 });
      await publishSessionHosts(gateway, members, others, run).catch((err: unknown) =>
        this.warn('session names not published', { subnet, error: incusMessage(err) }),
      );
      await trustSessionKeys(
        members.map((member) => member.name),
        (target, script, stdin) => this.runScript(target, script, stdin),
      ).catch((err: unknown) => this.warn('session ssh keys not trusted', { subnet, node: spec.node, error: incusMessage(err) }));
    });
    const settled = turn.catch(() => undefined); // a failed join does not stop the next ones
    this.turns.set(subnet, settled);
    await turn.finally(() => {
      if (this.turns.get(subnet) === settled) this.turns.delete(subnet);
    });
  }

  /** The session's running nodes, the newcomer included even before its labels say so. */
  private async members(subnet: string, newcomer: SessionNode): Promise<SessionNode[]> {
    const others = (await this.nodes())
      .filter((i) => i.name !== newcomer.name && i.config[NODE_KEYS.subnet] === subnet && i.config[NODE_KEYS.address] && i.status === 'Running')
      .map((i) => ({
        name: i.name,
        node: i.config[NODE_KEYS.node] ?? '',
        aliases: (i.config[NODE_KEYS.aliases] ?? '').split(' ').filter(Boolean),
        ip: i.config[NODE_KEYS.address] ?? '',
      }));
    return [...others, newcomer];
  }

  /** Without it the node works, offline: say so in the log rather than refuse the lab. */
  private async setUpEgress(name: string, egress: { command: string[]; stdin: string }, sessionNames: string[]): Promise<void> {
    const command = [...egress.command, sessionNames.join(',')];
    // The node's engine restarts to read its proxy (node-egress.sh): allow for it.
    const result = await this.exec(name, command, { stdin: egress.stdin, timeoutMs: 60_000 }).catch((err: unknown) => ({
      exitCode: -1,
      output: incusMessage(err),
    }));
    if (result.exitCode !== 0) this.warn('node egress not set up', { name, error: result.output.slice(0, 300) });
  }

  /** A shell script in a node; its output, or an error saying what it printed. */
  private async runScript(name: string, script: string, stdin?: string): Promise<string> {
    const result = await this.exec(name, ['/bin/sh', '-c', script], { stdin, timeoutMs: 30_000 });
    if (result.exitCode !== 0) throw new Error(`exit ${result.exitCode}: ${result.output.slice(0, 300)}`);
    return result.output;
  }
}

