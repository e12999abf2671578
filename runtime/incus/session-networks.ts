/**
 * Which bridge each session's nodes go on, and which address each node takes there. A lab's
 * nodes are created at the same time: the first decides the session's bridge (a spare's
 * own, taken over, or a new one) and the others wait for that decision; addresses handed out
 * are held until the node's labels record them. Subnets are picked one bridge at a time, or
 * two could pick the same.
 */
import type { IncusClient } from './incus-client';
import { NODE_KEYS, type IncusInstance } from './node-instance';
import { createNetwork, networkNamed, nodeAddress, relabelNetwork, releaseSessionNetwork, type SessionNetwork } from './session-network';

export interface SessionNetworksOptions {
  instance: string;
  subnetPool: string;
  /** This Dockyard's nodes, as Incus has them now. */
  nodes: () => Promise<IncusInstance[]>;
}

export class SessionNetworks {
  /** Each session's bridge once decided (or being decided), until its last node goes. */
  private readonly bySession = new Map<string, Promise<SessionNetwork>>();
  private readonly reserved = new Map<string, Set<number>>();
  private creating: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly client: IncusClient,
    private readonly opts: SessionNetworksOptions,
  ) {}

  /**
   * The session's bridge. A session that has none yet takes `offered` (a spare's bridge, the
   * spare being its first node: `adopted` is then true), or gets a new one.
   */
  async forSession(sessionId: string, offered?: SessionNetwork): Promise<{ network: SessionNetwork; adopted: boolean }> {
    let adopted = false;
    let decided = this.bySession.get(sessionId);
    if (!decided) {
      decided = this.decide(sessionId, offered, () => (adopted = true));
      this.bySession.set(sessionId, decided);
      decided.catch(() => this.bySession.delete(sessionId));
    }
    return { network: await decided, adopted };
  }

  /** A bridge of its own for a spare node. */
  forSpare(): Promise<SessionNetwork> {
    return this.create('spare');
  }

  /** The lowest node number free on the bridge: neither on a node nor handed out. */
  async reserve(network: SessionNetwork): Promise<number> {
    const reserved = this.reserved.get(network.name) ?? new Set<number>();
    this.reserved.set(network.name, reserved);
    const used = new Set(
      (await this.opts.nodes()).filter((i) => i.config[NODE_KEYS.network] === network.name).map((i) => i.config[NODE_KEYS.address] ?? ''),
    );
    let slot = 1;
    while (reserved.has(slot) || used.has(nodeAddress(network, slot))) slot += 1;
    reserved.add(slot);
    return slot;
  }

  /** The node's labels now record its address (or it was not made). */
  release(network: SessionNetwork, slot: number): void {
    this.reserved.get(network.name)?.delete(slot);
  }

  /** Removes the bridge if no node is on it any more; the session then has none. */
  async releaseIfEmpty(name: string, sessionId?: string): Promise<void> {
    const gone = await releaseSessionNetwork(this.client, name);
    if (!gone) return;
    this.reserved.delete(name);
    if (sessionId !== undefined) this.bySession.delete(sessionId);
  }

  private async decide(sessionId: string, offered: SessionNetwork | undefined, adopt: () => void): Promise<SessionNetwork> {
    const member = (await this.opts.nodes()).find((i) => i.config[NODE_KEYS.session] === sessionId && i.config[NODE_KEYS.network]);
    const existing = member?.config[NODE_KEYS.network];
    if (existing) return networkNamed(this.client, existing);
    if (offered) {
      await relabelNetwork(this.client, offered.name, sessionId);
      adopt();
      return offered;
    }
    return this.create(sessionId);
  }

  private create(sessionId: string): Promise<SessionNetwork> {
    const made = this.creating.then(() => createNetwork(this.client, { instance: this.opts.instance, sessionId, subnetPool: this.opts.subnetPool }));
    this.creating = made.catch(() => undefined);
    return made;
  }
}
