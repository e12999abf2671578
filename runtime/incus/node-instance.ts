/**
 * What an Incus instance of a lab node is made of: the image, the profile prepared by
 * setup-host.sh (unprivileged, its own uid range, nesting for the inner Docker engine), the
 * limits of the lab, and the labels (user.* keys) by which the driver finds its nodes again
 * after a restart.
 */
import type { SandboxLimits } from '../driver';

/** Labels, as Incus user keys. Unlike Docker's labels they can change: a claimed spare gets its session's. */
export const NODE_KEYS = {
  managed: 'user.dockyard.managed',
  instance: 'user.dockyard.instance',
  session: 'user.dockyard.session',
  lab: 'user.dockyard.lab',
  node: 'user.dockyard.node',
  /** Other names of the node in its session, space-separated (SandboxSpec.aliases). */
  aliases: 'user.dockyard.aliases',
  /** The node's address (10.213.0.65), in its session's /26 (10.213.0.64/26), given by the driver. */
  address: 'user.dockyard.address',
  subnet: 'user.dockyard.subnet',
  spare: 'user.dockyard.spare',
} as const;

/** The quota of the root disk counts the image's own files too (btrfs qgroups): add them. */
const IMAGE_ALLOWANCE_GIB = 1;

export interface IncusInstance {
  name: string;
  status: string;
  created_at: string;
  /** The cluster member it runs on ("none" when Incus is not clustered). */
  location: string;
  config: Record<string, string>;
  devices: Record<string, Record<string, string>>;
}

export interface NodeInstanceSpec {
  name: string;
  image: string;
  profile: string;
  pool: string;
  limits: Required<SandboxLimits>;
  labels: Record<string, string>;
  /** The node's address, on eth0. */
  address: string;
}

/** The body of POST /1.0/instances. */
export function nodeInstanceBody(spec: NodeInstanceSpec): Record<string, unknown> {
  const { limits } = spec;
  return {
    name: spec.name,
    type: 'container',
    start: true,
    source: { type: 'image', alias: spec.image },
    profiles: [spec.profile],
    config: {
      ...spec.labels,
      'limits.memory': `${limits.memoryMiB}MiB`,
      // A share of CPU time, not pinned CPUs: nodes spread over every core, none takes more.
      'limits.cpu.allowance': `${Math.round(limits.cpus * 100)}ms/100ms`,
      'limits.processes': String(limits.pids),
    },
    devices: {
      root: { type: 'disk', path: '/', pool: spec.pool, size: `${limits.diskGiB + IMAGE_ALLOWANCE_GIB}GiB` },
      eth0: routedNic(spec.name, spec.address),
    },
  };
}

/** The host gateway of every node (Incus's routed NICs): where the registry mirror is reached. */
export const NODE_GATEWAY = '169.254.0.1';

/**
 * eth0 as a routed NIC: a veth whose host side (named dy… after the instance, so the host
 * firewall knows it) holds the gateway address, with a host route to the node's address.
 * No Incus network per session: nothing that every cluster member must hold, nor create.
 */
export function routedNic(instanceName: string, address: string): Record<string, string> {
  return {
    type: 'nic',
    nictype: 'routed',
    name: 'eth0',
    'ipv4.address': address,
    host_name: instanceName.replace(/-/g, ''),
  };
}

/** The image alias of a lab's image reference (`dockyard/node:latest`, or without a tag). */
export function imageAlias(image: string): string {
  return /:[^/]+$/.test(image) ? image : `${image}:latest`;
}
