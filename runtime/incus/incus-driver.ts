/**
 * The Incus driver: each lab node is an unprivileged Incus system container (its root is a
 * uid range of its own on the host, see setup-host.sh's profile) running its own Docker
 * engine, on its session's own bridge (session-network.ts). Terminals and checks go through
 * Incus's exec API: the server opens no PTY and runs nothing of the node's on the host.
 * Only runtime/incus/* talks to Incus. This module reads no environment variables: the
 * server passes its configuration in.
 */
import { randomBytes } from 'node:crypto';
import {
  type ExecOptions,
  type ExecResult,
  type SandboxDriver,
  type SandboxEndpoint,
  type SandboxLimits,
  type SandboxRef,
  type SandboxSpec,
  type Shell,
  type ShellSize,
} from '../driver';
import { ImageMissingError, RuntimeError, SandboxNotFoundError, SandboxNotRunningError, SandboxStartError } from '../errors';
import { WarmPool } from '../warm-pool';
import { IncusClient } from './incus-client';
import { incusMessage, isNotFound, toRuntimeError } from './incus-errors';
import { prepareHost, type RuntimeLogger } from './infrastructure';
import { execInNode } from './node-exec';
import { imageAlias, NODE_KEYS, nicOn, nodeInstanceBody, type IncusInstance } from './node-instance';
import { openNodeShell } from './node-shell';
import { publishSessionHosts, type SessionNode } from './session-hosts';
import { ensureSessionNetwork, nodeAddress, releaseSessionNetwork, sessionNetworks, type SessionNetwork } from './session-network';

export interface IncusDriverOptions {
  socketPath?: string;
  /** The Incus profile made by setup-host.sh: unprivileged, isolated idmap, nesting. */
  profile?: string;
  /** The storage pool of the nodes' root disks (copy-on-write: btrfs). */
  pool?: string;
  /** Where nodes reach the read-only registry mirror on their gateway (setup-host.sh starts it). */
  mirrorPort?: number;
  defaultLimits?: Required<SandboxLimits>;
  /** How long create() waits for the inner engine to answer. */
  readyTimeoutMs?: number;
  /** exec() keeps at most this much output (a check script printing forever must not hurt). */
  maxOutputBytes?: number;
  logger?: RuntimeLogger;
  /** Pool of IPv4 subnets for session networks (a /26 each); must not clash with the host's networks. */
  subnetPool?: string;
  /** Labels this driver's sandboxes; list() sees only them, so instances never reap each other. */
  instance?: string;
  /** Spare nodes kept started per image (../warm-pool.ts); none by default. */
  spares?: { size: number; images: string[]; hasRoom: () => Promise<boolean> };
}

export const INCUS_DRIVER_DEFAULTS = {
  socketPath: '/var/lib/incus/unix.socket',
  profile: 'dockyard-node',
  pool: 'dockyard',
  mirrorPort: 5001,
  defaultLimits: { memoryMiB: 2048, cpus: 1, pids: 1024, diskGiB: 10 },
  readyTimeoutMs: 60_000,
  maxOutputBytes: 1024 * 1024,
  instance: 'default',
  subnetPool: '10.213.0.0/16',
} as const;

const NODE_NAME = /^[a-z][a-z0-9-]{0,30}$/;
const silent: RuntimeLogger = { info: () => undefined, warn: () => undefined };

export class IncusSandboxDriver implements SandboxDriver {
  readonly name = 'incus';
  private readonly client: IncusClient;
  private readonly opts: Required<Omit<IncusDriverOptions, 'socketPath' | 'spares'>>;
  private preparing: Promise<void> | undefined;
  private readonly networksInProgress = new Map<string, Promise<SessionNetwork>>();
  /** Addresses handed out but not yet recorded on an instance, per session network. */
  private readonly reserved = new Map<string, Set<number>>();
  /** The last publication of session names under way, per session network (joinSession). */
  private readonly publishing = new Map<string, Promise<void>>();
  private readonly pool: WarmPool | undefined;

  constructor(options: IncusDriverOptions = {}) {
    const { socketPath, spares, ...rest } = options;
    this.client = new IncusClient({ socketPath: socketPath ?? INCUS_DRIVER_DEFAULTS.socketPath });
    this.opts = {
      ...INCUS_DRIVER_DEFAULTS,
      logger: silent,
      ...(Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as typeof rest),
    };
    if (spares && spares.size > 0) {
      this.pool = new WarmPool({
        ...spares,
        make: (image) => this.makeSpare(image),
        log: (message, detail) => this.opts.logger.warn(message, detail),
      });
    }
  }

  async prepare(): Promise<void> {
    const run = prepareHost(this.client, this.opts)
      .then(() => this.releaseLeftovers())
      .then(() => this.pool?.start());
    this.preparing = run.catch((err: unknown) => {
      this.preparing = undefined;
      throw toRuntimeError(err);
    });
    return this.preparing;
  }

  async create(spec: SandboxSpec): Promise<SandboxRef> {
    if (!NODE_NAME.test(spec.node)) throw new TypeError(`Nom de nœud invalide : ${spec.node}`);
    if (spec.sessionId.length === 0) throw new TypeError('sessionId vide');
    await (this.preparing ?? this.prepare());
    // Spares have the default limits: a lab asking for others gets a node of its own.
    const spare = Object.keys(definedOnly(spec.limits)).length === 0 ? this.pool?.take(spec.image) : undefined;
    if (spare !== undefined) {
      const claimed = await this.claimSpare(spare, spec);
      this.pool?.replenish(spec.image);
      if (claimed) return claimed;
    }
    const started = Date.now();
    const network = await this.sessionNetwork(spec.sessionId);
    const name = newNodeName();
    const limits = { ...this.opts.defaultLimits, ...definedOnly(spec.limits) };
    const slot = await this.reserveAddress(network);
    try {
      const address = nodeAddress(network, slot);
      await this.startNode({ name, image: spec.image, limits, network: network.name, labels: this.sessionLabels(spec, network, address) });
      this.release(network, slot);
      await this.joinSession(name, spec.node, address, network);
      this.opts.logger.info('sandbox ready', { name, ms: Date.now() - started });
      // A pool left empty (no room for a while, a spare that failed) is refilled only after a
      // start: with no spare to take, this is the one that tops it up again, once the node is made.
      this.pool?.replenish(spec.image);
      return this.refOf(await this.instance(name));
    } catch (err) {
      this.release(network, slot);
      await this.removeQuietly(name);
      await releaseSessionNetwork(this.client, network.name).catch(() => undefined);
      throw this.createError(err, spec);
    }
  }

  async attachShell(id: string, size: ShellSize): Promise<Shell> {
    try {
      if ((await this.instance(id)).status !== 'Running') throw new SandboxNotRunningError(id);
      return await openNodeShell(this.client, id, size);
    } catch (err) {
      throw toRuntimeError(err, id);
    }
  }

  exec(id: string, command: string[], options: ExecOptions = {}): Promise<ExecResult> {
    return execInNode(this.client, id, command, options, this.opts.maxOutputBytes);
  }

  async destroy(id: string): Promise<void> {
    let instance: IncusInstance;
    try {
      instance = await this.instance(id);
    } catch (err) {
      if (isNotFound(err)) return; // already gone: destroy is idempotent
      throw toRuntimeError(err, id);
    }
    // Refuse to touch what Dockyard did not create.
    if (instance.config[NODE_KEYS.managed] !== 'true') throw new SandboxNotFoundError(id);
    await this.removeInstance(id);
    const network = instance.config[NODE_KEYS.network];
    if (network) {
      await releaseSessionNetwork(this.client, network).catch((err: unknown) =>
        this.opts.logger.warn('network not removed', { network, error: incusMessage(err) }),
      );
    }
  }

  /**
   * Stops (at once) and deletes an instance. Another destroy may be under way (the reaper
   * and a student's « Terminer » at the same moment): Incus then refuses ours while its own
   * operation runs, so try again until the instance is gone.
   */
  private async removeInstance(id: string): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.client.run('PUT', `/1.0/instances/${id}/state`, { action: 'stop', force: true, timeout: -1 }).catch((err: unknown) => {
          if (!/already stopped|not running/i.test(incusMessage(err))) throw err;
        });
        await this.client.run('DELETE', `/1.0/instances/${id}`);
        return;
      } catch (err) {
        if (isNotFound(err)) return;
        if (attempt >= 20) throw toRuntimeError(err, id);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }

  async list(): Promise<SandboxRef[]> {
    try {
      // Spares waiting in the pool belong to no session: they are the pool's, not the reaper's.
      return (await this.ownInstances()).filter((i) => i.config[NODE_KEYS.spare] !== 'true').map((i) => this.refOf(i));
    } catch (err) {
      throw toRuntimeError(err);
    }
  }

  async isRunning(id: string): Promise<boolean> {
    try {
      return (await this.instance(id)).status === 'Running';
    } catch (err) {
      if (isNotFound(err)) return false;
      throw toRuntimeError(err, id);
    }
  }

  async endpoint(id: string, port: number): Promise<SandboxEndpoint> {
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RangeError(`port invalide : ${port}`);
    try {
      const instance = await this.instance(id);
      if (instance.status !== 'Running') throw new SandboxNotRunningError(id);
      const address = instance.config[NODE_KEYS.address];
      if (!address) throw new SandboxNotRunningError(id);
      return { host: address.split('/')[0] ?? '', port };
    } catch (err) {
      throw toRuntimeError(err, id);
    }
  }

  async stop(): Promise<void> {
    // The pool's own spares (those still being made included), then any other unclaimed one.
    const spares = (await this.pool?.stop()) ?? [];
    await Promise.all(spares.map((id) => this.destroy(id).catch(() => undefined)));
    await this.removeSpares();
  }

  /** Spare nodes ready now, per image (warm pool). */
  spares(): Record<string, number> {
    return this.pool?.counts() ?? {};
  }

  // ---- nodes --------------------------------------------------------------------------

  /** Creates and starts a node, and waits until its inner engine answers. */
  private async startNode(spec: { name: string; image: string; limits: Required<SandboxLimits>; network?: string; labels: Record<string, string> }): Promise<void> {
    const body = nodeInstanceBody({ ...spec, image: imageAlias(spec.image), profile: this.opts.profile, pool: this.opts.pool });
    await this.client.run('POST', '/1.0/instances', body);
    const ready = await this.exec(spec.name, ['start-dockerd'], { timeoutMs: this.opts.readyTimeoutMs });
    if (ready.exitCode !== 0) throw new SandboxStartError(ready.output);
  }

  /** Gives a node its name and address on the session's bridge, then tells every node of the session. */
  private async joinSession(name: string, node: string, address: string, network: SessionNetwork): Promise<void> {
    const gateway = network.gateway.split('/')[0] ?? '';
    const joined = await this.exec(name, ['dockyard-join-session', node, address, gateway], { timeoutMs: 10_000 });
    if (joined.exitCode !== 0) throw new SandboxStartError(joined.output);
    // The nodes of a lab start at the same time: their publications go one after the other,
    // each listing the members known at its turn, so that the last one lists every node and two
    // never rewrite a node's /etc/hosts together (that left a node without names, even its own).
    const previous = this.publishing.get(network.name) ?? Promise.resolve();
    const turn = previous.then(async () => {
      const members: SessionNode[] = (await this.ownInstances())
        .filter((i) => i.config[NODE_KEYS.network] === network.name && i.config[NODE_KEYS.address] && i.status === 'Running')
        .map((i) => ({ name: i.name, node: i.config[NODE_KEYS.node] ?? '', ip: (i.config[NODE_KEYS.address] ?? '').split('/')[0] ?? '' }));
      const run = (target: string, command: string[], stdin: string) => this.exec(target, command, { stdin, timeoutMs: 30_000 });
      await publishSessionHosts(gateway, members, run).catch((err: unknown) =>
        this.opts.logger.warn('session names not published', { network: network.name, error: incusMessage(err) }),
      );
    });
    const settled = turn.catch(() => undefined); // a failed turn does not stop the next ones
    this.publishing.set(network.name, settled);
    await turn.finally(() => {
      if (this.publishing.get(network.name) === settled) this.publishing.delete(network.name);
    });
  }

  /** A spare node: started with no network and no session, ready to be claimed. */
  private async makeSpare(image: string): Promise<string> {
    const name = newNodeName();
    const labels = { ...this.baseLabels(), [NODE_KEYS.spare]: 'true' };
    try {
      await this.startNode({ name, image, limits: this.opts.defaultLimits, labels });
      return name;
    } catch (err) {
      await this.removeQuietly(name);
      throw err;
    }
  }

  /**
   * Moves a spare node into a session: its labels become the session's, it gets an eth0 on
   * the session's bridge and joins. On failure the spare is removed and the caller makes a
   * node the slow way.
   */
  private async claimSpare(name: string, spec: SandboxSpec): Promise<SandboxRef | undefined> {
    const started = Date.now();
    const network = await this.sessionNetwork(spec.sessionId);
    const slot = await this.reserveAddress(network);
    try {
      const address = nodeAddress(network, slot);
      await this.client.run('PATCH', `/1.0/instances/${name}`, {
        config: { ...this.sessionLabels(spec, network, address), [NODE_KEYS.spare]: 'false' },
        devices: { eth0: nicOn(network.name) },
      });
      this.release(network, slot);
      await this.joinSession(name, spec.node, address, network);
      this.opts.logger.info('spare claimed', { name, session: spec.sessionId, ms: Date.now() - started });
      return this.refOf(await this.instance(name));
    } catch (err) {
      this.release(network, slot);
      this.opts.logger.warn('spare not claimed', { name, error: incusMessage(err) });
      await this.destroy(name).catch(() => undefined);
      return undefined;
    }
  }

  private baseLabels(): Record<string, string> {
    return { [NODE_KEYS.managed]: 'true', [NODE_KEYS.instance]: this.opts.instance };
  }

  private sessionLabels(spec: SandboxSpec, network: SessionNetwork, address: string): Record<string, string> {
    return {
      ...this.baseLabels(),
      [NODE_KEYS.session]: spec.sessionId,
      [NODE_KEYS.lab]: spec.lab,
      [NODE_KEYS.node]: spec.node,
      [NODE_KEYS.network]: network.name,
      [NODE_KEYS.address]: address,
    };
  }

  private instance(name: string): Promise<IncusInstance> {
    return this.client.get<IncusInstance>(`/1.0/instances/${encodeURIComponent(name)}`);
  }

  private async ownInstances(): Promise<IncusInstance[]> {
    const all = await this.client.get<IncusInstance[]>('/1.0/instances?recursion=1');
    return all.filter((i) => i.config[NODE_KEYS.managed] === 'true' && i.config[NODE_KEYS.instance] === this.opts.instance);
  }

  private refOf(instance: IncusInstance): SandboxRef {
    return {
      id: instance.name,
      sessionId: instance.config[NODE_KEYS.session] ?? '',
      lab: instance.config[NODE_KEYS.lab] ?? '',
      node: instance.config[NODE_KEYS.node] ?? '',
      createdAt: new Date(instance.created_at),
    };
  }

  // ---- networks and addresses -------------------------------------------------------------

  /**
   * The session's bridge, made once even when its nodes are created at the same time.
   */
  private sessionNetwork(sessionId: string): Promise<SessionNetwork> {
    let pending = this.networksInProgress.get(sessionId);
    if (!pending) {
      // Subnets are picked from what exists: one network at a time, or two could pick the same.
      const previous = [...this.networksInProgress.values()];
      pending = Promise.allSettled(previous)
        .then(() => ensureSessionNetwork(this.client, { instance: this.opts.instance, sessionId, subnetPool: this.opts.subnetPool }))
        .catch((err: unknown) => {
          throw toRuntimeError(err);
        })
        .finally(() => this.networksInProgress.delete(sessionId));
      this.networksInProgress.set(sessionId, pending);
    }
    return pending;
  }

  /** The lowest node number free on the network: neither on an instance nor handed out. */
  private async reserveAddress(network: SessionNetwork): Promise<number> {
    const reserved = this.reserved.get(network.name) ?? new Set<number>();
    this.reserved.set(network.name, reserved);
    const used = new Set(
      (await this.ownInstances())
        .filter((i) => i.config[NODE_KEYS.network] === network.name)
        .map((i) => i.config[NODE_KEYS.address] ?? ''),
    );
    for (let slot = 1; ; slot += 1) {
      if (!reserved.has(slot) && !used.has(nodeAddress(network, slot))) {
        reserved.add(slot);
        return slot;
      }
    }
  }

  private release(network: SessionNetwork, slot: number): void {
    this.reserved.get(network.name)?.delete(slot);
  }

  /** What a previous run left: its unclaimed spares, and session bridges no node uses any more. */
  private async releaseLeftovers(): Promise<void> {
    await this.removeSpares();
    for (const network of await sessionNetworks(this.client, this.opts.instance)) {
      await releaseSessionNetwork(this.client, network).catch((err: unknown) =>
        this.opts.logger.warn('network not removed', { network, error: incusMessage(err) }),
      );
    }
  }

  private async removeSpares(): Promise<void> {
    const spares = (await this.ownInstances()).filter((i) => i.config[NODE_KEYS.spare] === 'true');
    await Promise.all(spares.map((spare) => this.destroy(spare.name).catch(() => undefined)));
  }

  private async removeQuietly(name: string): Promise<void> {
    await this.destroy(name).catch((err: unknown) => this.opts.logger.warn('node not removed', { name, error: incusMessage(err) }));
  }

  /** Errors that came before the node answered, in the student's and operator's words. */
  private createError(err: unknown, spec: SandboxSpec): RuntimeError {
    if (err instanceof RuntimeError) return err;
    // An unknown image alias: Incus 6.0 fails the creation with "Image not provided for
    // instance creation" (400), not a 404.
    if ((isNotFound(err) || /image not provided/i.test(incusMessage(err))) && /image/i.test(incusMessage(err))) {
      return new ImageMissingError(spec.image, err);
    }
    return toRuntimeError(err);
  }
}

/** Instance names: `dy-` and 10 hex digits (a node keeps its name when a spare is claimed). */
function newNodeName(): string {
  return `dy-${randomBytes(5).toString('hex')}`;
}

function definedOnly(limits: SandboxLimits | undefined): SandboxLimits {
  return Object.fromEntries(Object.entries(limits ?? {}).filter(([, v]) => v !== undefined)) as SandboxLimits;
}

