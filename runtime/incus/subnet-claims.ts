/**
 * A session's /26 is claimed in Incus as an empty profile named after it
 * (`dockyard-net-10-213-0-64`): Incus refuses a second profile of the same name, atomically,
 * across server processes and cluster members. The claim goes with the /26's last node;
 * one a crashed process left (no node holds its /26) is removed after a while.
 */
import type { IncusClient } from './incus-client';
import { incusMessage, isNotFound } from './incus-errors';
import type { IncusInstance } from './node-instance';
import { NODE_KEYS } from './node-instance';

const PREFIX = 'dockyard-net-';
const CLAIMED_AT = 'user.dockyard.claimed_at';
/** A claim with no node this long after it was made is a crashed process's. */
const ABANDONED_MS = 10 * 60_000;

function claimName(subnet: string): string {
  return PREFIX + (subnet.split('/')[0] ?? '').replace(/\./g, '-');
}

/** True if this process now holds the /26; false if another holds it. */
export async function claimSubnet(client: IncusClient, subnet: string): Promise<boolean> {
  try {
    await client.run('POST', '/1.0/profiles', {
      name: claimName(subnet),
      description: `Dockyard : sous-réseau ${subnet} d'une session de lab`,
      config: { [CLAIMED_AT]: new Date().toISOString() },
    });
    return true;
  } catch (err) {
    if (/already exists/i.test(incusMessage(err))) return false;
    throw err;
  }
}

export async function releaseSubnet(client: IncusClient, subnet: string): Promise<void> {
  await client.run('DELETE', `/1.0/profiles/${claimName(subnet)}`).catch((err: unknown) => {
    if (!isNotFound(err)) throw err;
  });
}

/** Removes claims that no node holds and that are older than a start could take. */
export async function releaseAbandonedClaims(client: IncusClient, nodes: IncusInstance[], now = Date.now()): Promise<void> {
  const held = new Set(nodes.map((node) => claimName(node.config[NODE_KEYS.subnet] ?? '')));
  const profiles = await client.get<Array<{ name: string; config: Record<string, string> }>>('/1.0/profiles?recursion=1');
  for (const profile of profiles) {
    if (!profile.name.startsWith(PREFIX) || held.has(profile.name)) continue;
    const claimedAt = Date.parse(profile.config[CLAIMED_AT] ?? '');
    if (Number.isNaN(claimedAt) || now - claimedAt > ABANDONED_MS) {
      await client.run('DELETE', `/1.0/profiles/${profile.name}`).catch(() => undefined);
    }
  }
}
