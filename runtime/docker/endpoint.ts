/**
 * Where the server reaches a TCP port of a sandbox: the container's address on its Docker
 * network. The server runs on the host, which routes to every Docker bridge, so no port has
 * to be published on the host. A port the student publishes inside (`docker run -p 8080:80`)
 * listens on the sandbox's own addresses, hence on this one too.
 */
import type Docker from 'dockerode';
import type { SandboxEndpoint } from '../driver';
import { RuntimeError, SandboxNotRunningError } from '../errors';
import { toRuntimeError } from './docker-errors';

export async function sandboxEndpoint(docker: Docker, id: string, port: number): Promise<SandboxEndpoint> {
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new TypeError(`Port invalide : ${port}`);
  let info: Docker.ContainerInspectInfo;
  try {
    info = await docker.getContainer(id).inspect();
  } catch (err) {
    throw toRuntimeError(err, id);
  }
  return { host: endpointHost(info, id), port };
}

/**
 * The first network that gave the container an address. No network name is assumed: the
 * driver decides which networks a sandbox joins, and any of them is reachable from the host.
 */
export function endpointHost(info: Docker.ContainerInspectInfo, id: string): string {
  if (!info.State.Running) throw new SandboxNotRunningError(id);
  const networks = Object.values(info.NetworkSettings.Networks ?? {});
  const address = networks.map((n) => n.IPAddress).find((ip) => typeof ip === 'string' && ip.length > 0);
  if (!address) {
    throw new RuntimeError('engine_error', "Le bac à sable n'a pas d'adresse réseau : relancez le lab.", {
      detail: `conteneur ${id} sans adresse IP (réseaux : ${Object.keys(info.NetworkSettings.Networks ?? {}).join(', ') || 'aucun'})`,
    });
  }
  return address;
}
