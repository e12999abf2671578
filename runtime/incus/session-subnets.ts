/**
 * Each lab session has a /26 of the pool (DOCKYARD_SANDBOX_SUBNETS) and each of its nodes an
 * address in it, on a routed NIC (node-instance.ts): Incus keeps no object per session,
 * and the host firewall (host-firewall.sh) lets nodes talk within their /26 only. A lab's
 * nodes are created at the same time: the first decides the session's /26 (a spare's own,
 * taken over, or a new one) and the others wait for that decision; addresses handed out are
 * held until the node's labels record them. A /26 is claimed in Incus itself, as an empty
 * profile named after it (subnet-claims.ts): names are unique across the whole Incus (a
 * cluster included), so two server processes can never give one /26 to two sessions.
 */
import { networkInterfaces } from 'node:os';
import type { IncusClient } from './incus-client';
import { NODE_KEYS, type IncusInstance } from './node-instance';
import { claimSubnet, releaseSubnet } from './subnet-claims';
import { addressIn, freeSubnet } from './subnet-pool';

export interface SessionSubnetsOptions {
  subnetPool: string;
  /** Every Dockyard node on this Incus, whichever Dockyard made it. */
  allNodes: () => Promise<IncusInstance[]>;
}

/** The address of the n-th node of a session's /26 (n ≥ 1). */
export function nodeAddress(subnet: string, n: number): string {
  return addressIn(subnet, n).split('/')[0] ?? '';
}

export class SessionSubnets {
  /** Each session's /26 once decided (or being decided), until its last node goes. */
  private readonly bySession = new Map<string, Promise<string>>();
  /** Subnets handed out whose first node's labels may not say so yet. */
  private readonly pending = new Set<string>();
  private readonly reserved = new Map<string, Set<number>>();
  private picking: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly client: IncusClient,
    private readonly opts: SessionSubnetsOptions,
  ) {}

  /**
   * The session's /26. A session that has none yet takes `offered` (a spare's own, the spare
   * being its first node: `adopted` is then true), or gets a new one.
   */
  async forSession(sessionId: string, offered?: string): Promise<{ subnet: string; adopted: boolean }> {
    let adopted = false;
    let decided = this.bySession.get(sessionId);
    if (!decided) {
      decided = this.decide(sessionId, offered, () => (adopted = true));
      this.bySession.set(sessionId, decided);
      decided.catch(() => this.bySession.delete(sessionId));
    }
    return { subnet: await decided, adopted };
  }

  /** A /26 of its own for a spare node. */
  forSpare(): Promise<string> {
    return this.pick();
  }

  /** The lowest node number free in the /26: neither on a node nor handed out. */
  async reserve(subnet: string): Promise<number> {
    const reserved = this.reserved.get(subnet) ?? new Set<number>();
    this.reserved.set(subnet, reserved);
    const used = new Set(
      (await this.opts.allNodes()).filter((i) => i.config[NODE_KEYS.subnet] === subnet).map((i) => i.config[NODE_KEYS.address] ?? ''),
    );
    let slot = 1;
    while (reserved.has(slot) || used.has(nodeAddress(subnet, slot))) slot += 1;
    reserved.add(slot);
    return slot;
  }

  /** The node's labels now record its address (or it was not made). */
  release(subnet: string, slot: number): void {
    this.reserved.get(subnet)?.delete(slot);
    this.settle(subnet);
  }

  /** A node's labels now name this /26 (or none will): other picks see it from there. */
  settle(subnet: string): void {
    this.pending.delete(subnet);
  }

  /** A session's (or a spare's) last node is gone: its /26 is free again. */
  async forget(sessionId: string | undefined, subnet: string | undefined): Promise<void> {
    if (sessionId !== undefined) this.bySession.delete(sessionId);
    if (subnet === undefined) return;
    this.reserved.delete(subnet);
    this.pending.delete(subnet);
    await releaseSubnet(this.client, subnet);
  }

  private async decide(sessionId: string, offered: string | undefined, adopt: () => void): Promise<string> {
    const member = (await this.opts.allNodes()).find((i) => i.config[NODE_KEYS.session] === sessionId && i.config[NODE_KEYS.subnet]);
    const existing = member?.config[NODE_KEYS.subnet];
    if (existing) return existing;
    if (offered) {
      adopt();
      return offered;
    }
    return this.pick();
  }

  private pick(): Promise<string> {
    const picked = this.picking.then(async () => {
      const held = (await this.opts.allNodes()).flatMap((i) => (i.config[NODE_KEYS.subnet] ? [i.config[NODE_KEYS.subnet] ?? ''] : []));
      const taken = [...held, ...this.pending, ...hostSubnets()];
      for (;;) {
        const subnet = freeSubnet(this.opts.subnetPool, taken);
        if (!subnet) throw new Error(`plus aucun sous-réseau libre dans ${this.opts.subnetPool} (DOCKYARD_SANDBOX_SUBNETS)`);
        // Another server process may have claimed it since the list was read: try the next.
        if (await claimSubnet(this.client, subnet)) {
          this.pending.add(subnet);
          return subnet;
        }
        taken.push(subnet);
      }
    });
    this.picking = picked.catch(() => undefined);
    return picked;
  }
}

/**
 * The host's own networks (its LAN, Docker's bridges…): a session must not shadow them. The
 * host sides of nodes' routed NICs hold 169.254.0.1 only, outside any pool.
 */
function hostSubnets(): string[] {
  return Object.values(networkInterfaces()).flatMap((addresses) =>
    (addresses ?? []).filter((a) => a.family === 'IPv4').map((a) => a.cidr ?? `${a.address}/32`),
  );
}
