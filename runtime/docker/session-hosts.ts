/**
 * Name resolution inside a session. A node's own network namespace cannot reach Docker's
 * embedded DNS server (it lives in the jail's namespace, see images/sandbox/jail), so the
 * driver writes the session's names (its nodes and the image mirror) into every node's
 * /etc/hosts, from inside the node, each time a node joins the session. The node's engine
 * reads /etc/hosts at every lookup (node/start-dockerd.sh), so its next pull sees them.
 */
import type Docker from 'dockerode';
import { MIRROR_ALIAS } from './session-network';

/** Runs a command inside a node with some standard input (DockerSandboxDriver.exec). */
export type NodeRunner = (id: string, command: string[], stdin: string) => Promise<unknown>;

/** Lines Dockyard manages end with this marker; the student's own lines are kept. */
const MARKER = '# dockyard';
const REWRITE_HOSTS = `{ grep -v ' ${MARKER}$' /etc/hosts; cat; } > /etc/hosts.new && cat /etc/hosts.new > /etc/hosts && rm -f /etc/hosts.new`;

/**
 * @param nodes the session's nodes: container id → node name (a spare node carries no node
 *   label, so the driver says which is which)
 */
export async function publishSessionHosts(
  docker: Docker,
  network: string,
  mirrorName: string,
  nodes: ReadonlyMap<string, string>,
  run: NodeRunner,
): Promise<void> {
  const attached = await attachedContainers(docker, network);
  const lines = attached.flatMap(({ id, name, ip }) => {
    if (name === mirrorName) return [`${ip}\t${MIRROR_ALIAS} ${MARKER}`];
    const node = nodes.get(id);
    return node ? [`${ip}\t${node} ${MARKER}`] : [];
  });
  const hosts = `${lines.join('\n')}\n`;
  await Promise.all([...nodes.keys()].map((id) => run(id, ['/bin/sh', '-c', REWRITE_HOSTS], hosts)));
}

async function attachedContainers(docker: Docker, network: string) {
  const info = (await docker.getNetwork(network).inspect()) as {
    Containers?: Record<string, { Name: string; IPv4Address: string }>;
  };
  return Object.entries(info.Containers ?? {}).map(([id, c]) => ({ id, name: c.Name, ip: c.IPv4Address.split('/')[0] }));
}
