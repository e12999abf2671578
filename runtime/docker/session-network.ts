/**
 * One Docker network per lab session. Its nodes find each other by name (node1, node2…) and
 * reach Dockyard's read-only image mirror, and nothing else:
 * - `Internal: true`: Docker gives the bridge no route out, and its isolation rules drop
 *   traffic to other bridges, so no internet, no private range, no metadata address and no
 *   other session;
 * - the bridge is named `dy-…` so that one host firewall rule (host-firewall.ts) refuses
 *   whatever a sandbox sends to the host itself (its services, Docker's API on TCP…).
 */
import { createHash } from 'node:crypto';
import type Docker from 'dockerode';
import { statusOf } from './docker-errors';
import { freeSubnet } from '../incus/subnet-pool';

export const SESSION_BRIDGE_PREFIX = 'dy-';
const NETWORK_PREFIX = 'dockyard-s-';
/** The name every inner engine uses for its registry mirror (see images/sandbox). */
export const MIRROR_ALIAS = 'dockyard-registry';

export interface SessionNetworkOptions {
  /** The read-only registry container joined to every session network. */
  mirrorName: string;
  labels: Record<string, string>;
  /** Where session subnets come from (see subnet-pool.ts). */
  subnetPool: string;
}

export function sessionNetworkName(sessionId: string): string {
  return `${NETWORK_PREFIX}${sessionId.replace(/[^a-zA-Z0-9_.-]/g, '-').slice(0, 48)}`;
}

export function isSessionNetwork(name: string): boolean {
  return name.startsWith(NETWORK_PREFIX);
}

/** Linux limits interface names to 15 characters: `dy-` + 12 hex. */
function bridgeName(sessionId: string): string {
  return SESSION_BRIDGE_PREFIX + createHash('sha256').update(sessionId).digest('hex').slice(0, 12);
}

/** Creates the session's network if needed and joins the mirror to it. Idempotent. */
export async function ensureSessionNetwork(docker: Docker, sessionId: string, options: SessionNetworkOptions): Promise<string> {
  const name = sessionNetworkName(sessionId);
  await createWithFreeSubnet(docker, name, sessionId, options);
  try {
    await docker.getNetwork(name).connect({ Container: options.mirrorName, EndpointConfig: { Aliases: [MIRROR_ALIAS] } });
  } catch (err) {
    // 403: already connected (a concurrent node of the same session did it).
    if (statusOf(err) !== 403 && !/already exists/i.test(String(err))) throw err;
  }
  return name;
}

/** Subnets are picked one at a time in this process; another process may still race us. */
let picking: Promise<unknown> = Promise.resolve();

async function createWithFreeSubnet(docker: Docker, name: string, sessionId: string, options: SessionNetworkOptions) {
  const attempt = async (): Promise<void> => {
    for (let tries = 0; tries < 5; tries += 1) {
      const used = (await docker.listNetworks()).flatMap((n) => (n.IPAM?.Config ?? []).map((c) => c.Subnet ?? ''));
      const subnet = freeSubnet(options.subnetPool, used);
      if (!subnet) {
        throw new Error(`Plus aucun sous-réseau libre dans ${options.subnetPool} pour un nouveau lab : élargissez DOCKYARD_SANDBOX_SUBNETS.`);
      }
      try {
        await docker.createNetwork({
          Name: name,
          CheckDuplicate: true,
          Internal: true,
          Labels: options.labels,
          IPAM: { Driver: 'default', Config: [{ Subnet: subnet }] },
          Options: { 'com.docker.network.bridge.name': bridgeName(sessionId) },
        });
        return;
      } catch (err) {
        const status = statusOf(err);
        const text = String(err);
        // Already there (409 same name; 403 same bridge name, Docker's name check being racy).
        if (status === 409 || (status === 403 && /same bridge name/.test(text))) return;
        // Another process took that subnet between our look and our create: look again.
        if (!/overlap/i.test(text)) throw err;
      }
    }
    throw new Error('Impossible de réserver un sous-réseau pour le lab : réessayez.');
  };
  const run = picking.then(attempt, attempt);
  picking = run.catch(() => undefined);
  return run;
}

/** Removes the network once no sandbox uses it any more (the mirror is let go first). */
export async function releaseSessionNetwork(docker: Docker, name: string, mirrorName: string): Promise<void> {
  const network = docker.getNetwork(name);
  let info: { Containers?: Record<string, { Name: string }> };
  try {
    info = (await network.inspect()) as typeof info;
  } catch (err) {
    if (statusOf(err) === 404) return;
    throw err;
  }
  const users = Object.values(info.Containers ?? {}).filter((c) => c.Name !== mirrorName);
  if (users.length > 0) return;
  await network.disconnect({ Container: mirrorName, Force: true }).catch(() => undefined);
  await network.remove().catch((err: unknown) => {
    // 404: removed meanwhile; 403/409: a node joined meanwhile, it will release it later.
    if (![403, 404, 409].includes(statusOf(err) ?? 0)) throw err;
  });
}
