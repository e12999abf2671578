/**
 * Name resolution inside a session. A node's own network namespace cannot reach Docker's
 * embedded DNS server (it lives in the jail's namespace, see images/sandbox/jail), so:
 * - the image mirror's address is in /etc/hosts from the start (Docker writes it from
 *   ExtraHosts), before the node's engine reads it;
 * - the driver writes the session's node names into every node's /etc/hosts, from inside
 *   the node, each time a node of the session starts.
 */
import type Docker from 'dockerode';
import { SANDBOX_LABELS } from '../driver';
import { MIRROR_ALIAS } from './session-network';

/** Runs a command inside a node with some standard input (DockerSandboxDriver.exec). */
export type NodeRunner = (id: string, command: string[], stdin: string) => Promise<unknown>;

/** Lines Dockyard manages end with this marker; the student's own lines are kept. */
const MARKER = '# dockyard';
const REWRITE_HOSTS = `{ grep -v ' ${MARKER}$' /etc/hosts; cat; } > /etc/hosts.new && cat /etc/hosts.new > /etc/hosts && rm -f /etc/hosts.new`;

/** The ExtraHosts entry that names the mirror on a session's network. */
export async function mirrorHostEntry(docker: Docker, network: string, mirrorName: string): Promise<string> {
  const mirror = (await attachedContainers(docker, network)).find((c) => c.name === mirrorName);
  if (!mirror) throw new Error(`le miroir d'images ${mirrorName} n'est pas sur le réseau ${network}`);
  return `${MIRROR_ALIAS}:${mirror.ip}`;
}

export async function publishSessionHosts(docker: Docker, network: string, run: NodeRunner): Promise<void> {
  const attached = await attachedContainers(docker, network);
  const nodes = await docker.listContainers({ filters: { network: [network], label: [SANDBOX_LABELS.node] } });
  const nodeNames = new Map(nodes.map((c) => [c.Id, c.Labels[SANDBOX_LABELS.node] ?? '']));
  const lines = attached.flatMap(({ id, ip }) => {
    const node = nodeNames.get(id);
    return node ? [`${ip}\t${node} ${MARKER}`] : [];
  });
  const hosts = `${lines.join('\n')}\n`;
  await Promise.all(nodes.map((node) => run(node.Id, ['/bin/sh', '-c', REWRITE_HOSTS], hosts)));
}

async function attachedContainers(docker: Docker, network: string) {
  const info = (await docker.getNetwork(network).inspect()) as {
    Containers?: Record<string, { Name: string; IPv4Address: string }>;
  };
  return Object.entries(info.Containers ?? {}).map(([id, c]) => ({ id, name: c.Name, ip: c.IPv4Address.split('/')[0] }));
}
