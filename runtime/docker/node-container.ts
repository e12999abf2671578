/**
 * The container of one lab node (a jail around the node, see images/sandbox): its image,
 * limits, disk, network and names. Shared by session nodes and spare nodes (warm pool).
 */
import type Docker from 'dockerode';
import type { SandboxLimits } from '../driver';
import { sandboxHostConfig } from './sandbox-profile';
import { MIRROR_ALIAS } from './session-network';

/** Where the jail finds the node's disk (images/sandbox/jail/entrypoint.sh). */
const NODE_DISK = '/node-disk';
const DOCKER_HUB_HOSTS = ['docker.io', 'registry.docker.io', 'registry-1.docker.io', 'index.docker.io', 'auth.docker.io', 'production.cloudflare.docker.com'];

export interface NodeContainerSpec {
  name: string;
  image: string;
  hostname: string;
  labels: Record<string, string>;
  network: string;
  /** Names the node answers to on its network (its node name). */
  aliases: string[];
  limits: Required<SandboxLimits>;
  /** Host folder of the node's own disk (node-disk.ts). */
  disk: string;
}

export function nodeContainerOptions(spec: NodeContainerSpec): Docker.ContainerCreateOptions {
  const memory = spec.limits.memoryMiB * 1024 * 1024;
  return {
    name: spec.name,
    Image: spec.image,
    Hostname: spec.hostname,
    Labels: spec.labels,
    Env: [`DOCKYARD_REGISTRY=${MIRROR_ALIAS}`],
    NetworkingConfig: { EndpointsConfig: { [spec.network]: { Aliases: spec.aliases } } },
    HostConfig: {
      ...sandboxHostConfig(),
      NetworkMode: spec.network,
      // Node and mirror names resolve through /etc/hosts (session-hosts.ts); outside names
      // cannot (internal network), so fail them fast instead of after the resolver's 2 × 5 s,
      // and point Docker Hub's names nowhere so the inner engine goes straight to the mirror.
      Dns: ['127.0.0.1'],
      DnsOptions: ['timeout:1', 'attempts:1'],
      ExtraHosts: DOCKER_HUB_HOSTS.map((host) => `${host}:127.0.0.1`),
      // The node's own disk: its file changes and its engine's storage, with a size.
      Mounts: [{ Type: 'bind', Source: spec.disk, Target: NODE_DISK }],
      Memory: memory,
      MemorySwap: memory,
      NanoCpus: Math.round(spec.limits.cpus * 1e9),
      PidsLimit: spec.limits.pids,
      LogConfig: { Type: 'json-file', Config: { 'max-size': '1m', 'max-file': '1' } },
    },
  };
}

/** The host folder bound as a node's disk, as Docker reports it (undefined for other containers). */
export function nodeDiskOf(info: Pick<Docker.ContainerInspectInfo, 'Mounts'>): string | undefined {
  return info.Mounts?.find((mount) => mount.Destination === NODE_DISK)?.Source;
}
