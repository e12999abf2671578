/**
 * One Incus bridge per lab session (`dy` + 12 hex): its nodes reach each other on it, and
 * the host at its gateway address, where host-firewall.ts lets them open one port only (the
 * registry mirror). The bridge routes nothing, serves no DHCP and no DNS, and has no IPv6:
 * no path to the internet, another session or a host service. A spare node waits on a
 * bridge of its own, which becomes its session's when it is claimed first.
 */
import { randomBytes } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import type { IncusClient } from './incus-client';
import { incusMessage, isNotFound } from './incus-errors';
import { addressIn, freeSubnet } from './subnet-pool';

export const SESSION_BRIDGE_PREFIX = 'dy';
const CONFIG_INSTANCE = 'user.dockyard.instance';
const CONFIG_SESSION = 'user.dockyard.session';

export interface SessionNetwork {
  name: string;
  /** The host's address on the bridge, with the prefix length (10.213.0.1/26). */
  gateway: string;
}

interface IncusNetwork {
  name: string;
  managed: boolean;
  config: Record<string, string>;
  used_by: string[] | null;
}

/** Linux limits interface names to 15 characters. */
function newNetworkName(): string {
  return SESSION_BRIDGE_PREFIX + randomBytes(6).toString('hex');
}

/** The address of the n-th node of a session network (n ≥ 1; the gateway is .1). */
export function nodeAddress(network: SessionNetwork, n: number): string {
  return addressIn(network.gateway, 1 + n);
}

/**
 * A new bridge, on a subnet no other network of the host has, labelled with its session
 * (`spare` for a spare node's). Callers pick subnets one at a time (session-networks.ts).
 */
export async function createNetwork(
  client: IncusClient,
  opts: { instance: string; sessionId: string; subnetPool: string },
): Promise<SessionNetwork> {
  const name = newNetworkName();
  const subnet = freeSubnet(opts.subnetPool, await subnetsInUse(client));
  if (!subnet) throw new Error(`plus aucun sous-réseau libre dans ${opts.subnetPool} (DOCKYARD_SANDBOX_SUBNETS)`);
  const gateway = addressIn(subnet, 1);
  await despiteVanishingInterfaces(() =>
    client.run('POST', '/1.0/networks', {
      name,
      type: 'bridge',
      description: 'Dockyard : réseau d’une session de lab',
      config: {
        'ipv4.address': gateway,
        'ipv4.nat': 'false',
        'ipv4.dhcp': 'false',
        'ipv6.address': 'none',
        'dns.mode': 'none',
        [CONFIG_INSTANCE]: opts.instance,
        [CONFIG_SESSION]: opts.sessionId,
      },
    }),
  );
  return { name, gateway };
}

/** A spare's bridge becomes its session's (for operators: the label says whose it is). */
export async function relabelNetwork(client: IncusClient, name: string, sessionId: string): Promise<void> {
  await client.run('PATCH', `/1.0/networks/${name}`, { config: { [CONFIG_SESSION]: sessionId } });
}

/** The bridge a node's labels name, with its gateway. */
export async function networkNamed(client: IncusClient, name: string): Promise<SessionNetwork> {
  const network = await client.get<IncusNetwork>(`/1.0/networks/${name}`);
  return { name, gateway: network.config['ipv4.address'] ?? '' };
}

/** Removes a session's bridge once no node uses it; a bridge still in use is kept. True when it is gone. */
export async function releaseSessionNetwork(client: IncusClient, name: string): Promise<boolean> {
  const network = await client.get<IncusNetwork>(`/1.0/networks/${name}`).catch((err: unknown) => {
    if (isNotFound(err)) return undefined;
    throw err;
  });
  if (!network) return true;
  if ((network.used_by ?? []).length > 0) return false;
  await despiteVanishingInterfaces(() => client.run('DELETE', `/1.0/networks/${name}`)).catch((err: unknown) => {
    if (!isNotFound(err)) throw err;
  });
  return true;
}

/**
 * Incus scans the host's interfaces when it sets a bridge up or takes one down, and fails if
 * one vanishes meanwhile ("Failed to delete bridge children interfaces: … does not exist"): a
 * node stopping, another session's bridge going. Seen here whenever sessions start and end
 * at the same time (a session's bridge was left behind, or a lab failed to start). A failed
 * attempt changes nothing (measured: no network record, no device left), so try again.
 */
async function despiteVanishingInterfaces<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries += 1) {
    try {
      return await attempt();
    } catch (err) {
      if (tries >= 5 || !/bridge children interfaces/i.test(incusMessage(err))) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100 * tries));
    }
  }
}

/** This Dockyard's session bridges (to release the empty ones after a crash). */
export async function sessionNetworks(client: IncusClient, instance: string): Promise<string[]> {
  const networks = await client.get<IncusNetwork[]>('/1.0/networks?recursion=1');
  return networks.filter((n) => n.managed && n.config[CONFIG_INSTANCE] === instance).map((n) => n.name);
}

/** Subnets of Incus's networks and of every address the host already has (Docker's bridges…). */
async function subnetsInUse(client: IncusClient): Promise<string[]> {
  const networks = await client.get<IncusNetwork[]>('/1.0/networks?recursion=1');
  const managed = networks.flatMap((n) => (n.config['ipv4.address'] ? [n.config['ipv4.address']] : []));
  const host = Object.values(networkInterfaces()).flatMap((addresses) =>
    (addresses ?? []).filter((a) => a.family === 'IPv4').map((a) => a.cidr ?? `${a.address}/32`),
  );
  return [...managed, ...host];
}
