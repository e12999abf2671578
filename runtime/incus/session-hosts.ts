/**
 * Name resolution inside a session: there is no DNS on a session bridge, so the driver writes
 * the session's names (its nodes, and the registry mirror at the gateway) into every node's
 * /etc/hosts, from inside the node, each time a node joins (session-join.ts; the newcomer
 * writes them itself, images/lab-node/join-session.sh). The inner engine reads /etc/hosts at
 * every lookup (images/lab-node/start-dockerd.sh), so its next pull sees them.
 */

/** Runs a command inside a node with some standard input. */
export type NodeRunner = (name: string, command: string[], stdin: string) => Promise<unknown>;

/** Lines Dockyard manages end with this marker; the student's own lines are kept. */
const MARKER = '# dockyard';
const REWRITE_HOSTS = `{ grep -v ' ${MARKER}$' /etc/hosts; cat; } > /etc/hosts.new && cat /etc/hosts.new > /etc/hosts && rm -f /etc/hosts.new`;
/** The name every inner engine uses for its registry mirror (images/lab-node/start-dockerd.sh). */
export const MIRROR_ALIAS = 'dockyard-registry';

export interface SessionNode {
  /** Incus instance name. */
  name: string;
  /** Node name in the lab (node1…). */
  node: string;
  /** Its other names in the session (controlplane, node01, host01…). */
  aliases: string[];
  /** Address without the prefix length. */
  ip: string;
}

/** The lines Dockyard manages in a session's /etc/hosts, each ending with the marker. */
export function hostsLines(gatewayIp: string, nodes: SessionNode[]): string {
  const lines = [`${gatewayIp}\t${MIRROR_ALIAS} ${MARKER}`, ...nodes.map(({ ip, node, aliases }) => `${ip}\t${[node, ...aliases].join(' ')} ${MARKER}`)];
  return `${lines.join('\n')}\n`;
}

/** Writes the names of all of `nodes` into the /etc/hosts of each of `targets`. */
export async function publishSessionHosts(gatewayIp: string, nodes: SessionNode[], targets: SessionNode[], run: NodeRunner): Promise<void> {
  const hosts = hostsLines(gatewayIp, nodes);
  await Promise.all(targets.map(({ name }) => run(name, ['/bin/sh', '-c', REWRITE_HOSTS], hosts)));
}
