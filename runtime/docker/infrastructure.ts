/**
 * What every sandbox relies on and the driver sets up once in prepare(): the registry, its
 * read-only mirror (the only one sandboxes reach), and the host firewall rule.
 */
import type Docker from 'dockerode';
import { EngineUnavailableError, ImageMissingError, RuntimeError } from '../errors';
import { engineMessage, statusOf, toRuntimeError } from './docker-errors';
import { ensureHostFirewall } from './host-firewall';

/** Labels of shared infrastructure (network, registry), which list() must never return. */
export const INFRA_LABEL = 'dockyard.infra';

export interface RuntimeLogger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
}

export interface InfrastructureOptions {
  network: string;
  registryName: string;
  mirrorName: string;
  registryImage: string;
  registryVolume: string;
  registryPublish: { ip: string; port: number };
  logger: RuntimeLogger;
}

/** Network, registry volume, registry and its read-only mirror, host firewall; mirrors runtime/images/build-all.sh. */
export async function ensureInfrastructure(
  docker: Docker,
  opts: InfrastructureOptions,
  releaseLeftoverNetworks: () => Promise<void>,
): Promise<void> {
  const { network, registryName, registryImage, registryVolume, registryPublish, mirrorName } = opts;
  try {
    await docker.ping();
  } catch (err) {
    throw new EngineUnavailableError(engineMessage(err), err);
  }
  try {
    await docker.getImage(registryImage).inspect();
  } catch (err) {
    throw statusOf(err) === 404 ? new ImageMissingError(registryImage, err) : toRuntimeError(err);
  }
  try {
    await createUnlessExists(
      () => docker.getNetwork(network).inspect(),
      () => docker.createNetwork({ Name: network, CheckDuplicate: true, Labels: { [INFRA_LABEL]: 'true' } }),
    );
    await createUnlessExists(
      () => docker.getVolume(registryVolume).inspect(),
      () => docker.createVolume({ Name: registryVolume, Labels: { [INFRA_LABEL]: 'true' } }),
    );
    await createUnlessExists(
      () => docker.getContainer(registryName).inspect(),
      () =>
        docker.createContainer({
          name: registryName,
          Image: registryImage,
          Labels: { [INFRA_LABEL]: 'true' },
          ExposedPorts: { '5000/tcp': {} },
          HostConfig: {
            NetworkMode: network,
            PortBindings: { '5000/tcp': [{ HostIp: registryPublish.ip, HostPort: String(registryPublish.port) }] },
            Mounts: [{ Type: 'volume', Source: registryVolume, Target: '/var/lib/docker-registry' }],
            RestartPolicy: { Name: 'unless-stopped' },
          },
        }),
    );
    await createUnlessExists(
      () => docker.getContainer(mirrorName).inspect(),
      () =>
        docker.createContainer({
          name: mirrorName,
          Image: registryImage,
          Cmd: ['/usr/bin/docker-registry', 'serve', '/etc/docker/registry/config-readonly.yml'],
          Labels: { [INFRA_LABEL]: 'true' },
          HostConfig: {
            NetworkMode: network,
            Mounts: [{ Type: 'volume', Source: registryVolume, Target: '/var/lib/docker-registry', ReadOnly: true }],
            // It joins every session network: it must never route between them.
            Sysctls: { 'net.ipv4.ip_forward': '0' },
            RestartPolicy: { Name: 'unless-stopped' },
          },
        }),
    );
    for (const name of [registryName, mirrorName]) await startIfStopped(docker, name, opts.logger);
    await releaseLeftoverNetworks();
  } catch (err) {
    throw toRuntimeError(err);
  }
  await ensureHostFirewall().catch((err: unknown) => {
    throw new RuntimeError(
      'engine_error',
      "Impossible d'installer la règle de pare-feu qui empêche les bacs à sable de joindre l'hôte (iptables, en root) : Dockyard ne démarre pas sans elle.",
      { detail: engineMessage(err), cause: err },
    );
  });
}

async function startIfStopped(docker: Docker, name: string, logger: RuntimeLogger): Promise<void> {
  const container = docker.getContainer(name);
  if ((await container.inspect()).State.Running) return;
  logger.info('starting registry container', { name });
  await container.start().catch((err: unknown) => {
    if (statusOf(err) !== 304) throw err; // 304: started meanwhile
  });
}


/** Idempotent and safe when two processes prepare at once (409 = the other one won). */
async function createUnlessExists(inspect: () => Promise<unknown>, create: () => Promise<unknown>): Promise<void> {
  try {
    await inspect();
    return;
  } catch (err) {
    if (statusOf(err) !== 404) throw err;
  }
  await create().catch((err: unknown) => {
    if (statusOf(err) !== 409) throw err;
  });
}
