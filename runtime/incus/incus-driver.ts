/**
 * The Incus driver: each lab node is an unprivileged Incus system container (its root is a
 * uid range of its own on the host, see setup-host.sh's profile) running its own Docker
 * engine, on its session's own bridge (session-networks.ts). Terminals and checks go through
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
import { SessionJoins } from './session-join';
import { networkNamed, nodeAddress, sessionNetworks, type SessionNetwork } from './session-network';
import { SessionNetworks } from './session-networks';

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

/**
 * A claimed spare's replacement waits this long: made at once, it competes for the CPU with
 * the student's first seconds (the terminal's attach), which cost more than the spare saves.
 */
const SPARE_REFILL_DELAY_MS = 3_000;

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
  private readonly networks: SessionNetworks;
  private readonly joins: SessionJoins;
  private readonly pool: WarmPool | undefined;
  /** Each ready spare's own bridge, known at once when it is claimed (see claimSpare). */
  private readonly spareNetworks = new Map<string, SessionNetwork>();

  constructor(options: IncusDriverOptions = {}) {
    const { socketPath, spares, ...rest } = options;
    this.client = new IncusClient({ socketPath: socketPath ?? INCUS_DRIVER_DEFAULTS.socketPath });
    this.opts = {
      ...INCUS_DRIVER_DEFAULTS,
      logger: silent,
      ...(Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as typeof rest),
    };
    const nodes = () => this.ownInstances();
    this.networks = new SessionNetworks(this.client, { instance: this.opts.instance, subnetPool: this.opts.subnetPool, nodes });
    this.joins = new SessionJoins((name, command, options) => this.exec(name, command, options), nodes, this.opts.logger.warn);
    if (spares && spares.size > 0) {
      this.pool = new WarmPool({
        ...spares,
        refillDelayMs: SPARE_REFILL_DELAY_MS,
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
    const { network } = await this.networks.forSession(spec.sessionId);
    const name = newNodeName();
    const limits = { ...this.opts.defaultLimits, ...definedOnly(spec.limits) };
    const slot = await this.networks.reserve(network);
    try {
      const address = nodeAddress(network, slot);
      await this.startNode({ name, image: spec.image, limits, network: network.name, labels: this.sessionLabels(spec, network, address) });
      this.networks.release(network, slot);
      await this.joins.join(name, spec.node, address, network);
      this.opts.logger.info('sandbox ready', { name, ms: Date.now() - started });
      // A pool left empty (no room for a while, a spare that failed) is refilled only after a
      // start: with no spare to take, this is the one that tops it up again, once the node is made.
      this.pool?.replenish(spec.image);
      return this.refOf(await this.instance(name));
    } catch (err) {
      this.networks.release(network, slot);
      await this.removeQuietly(name);
      await this.networks.releaseIfEmpty(network.name, spec.sessionId).catch(() => undefined);
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
    this.spareNetworks.delete(id);
    await this.removeInstance(id);
    const network = instance.config[NODE_KEYS.network];
    if (network) {
      await this.networks.releaseIfEmpty(network, instance.config[NODE_KEYS.session]).catch((err: unknown) =>
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

  /**
   * A spare node: started on a bridge of its own, with no session, ready to be claimed. The
   * bridge is made now so that claiming the spare makes none (the costliest step of a start).
   */
  private async makeSpare(image: string): Promise<string> {
    const name = newNodeName();
    const network = await this.networks.forSpare();
    const labels = {
      ...this.baseLabels(),
      [NODE_KEYS.spare]: 'true',
      [NODE_KEYS.network]: network.name,
      [NODE_KEYS.address]: nodeAddress(network, 1),
    };
    try {
      await this.startNode({ name, image, limits: this.opts.defaultLimits, network: network.name, labels });
      this.spareNetworks.set(name, network);
      return name;
    } catch (err) {
      await this.removeQuietly(name);
      await this.networks.releaseIfEmpty(network.name).catch(() => undefined);
      throw err;
    }
  }

  /**
   * Moves a spare node into a session. The session's first node keeps the spare's bridge,
   * which becomes the session's; a later one moves its eth0 onto the session's bridge (and its
   * own bridge goes). Then it joins. On failure the spare is removed and the caller makes a
   * node the slow way.
   */
  private async claimSpare(name: string, spec: SandboxSpec): Promise<SandboxRef | undefined> {
    const started = Date.now();
    let moved: { network: SessionNetwork; slot: number } | undefined;
    // Offered before anything else is awaited: the lab's other nodes, created at the same
    // time, then wait for this decision instead of making the session a bridge of their own.
    const known = this.spareNetworks.get(name);
    this.spareNetworks.delete(name);
    const deciding = known ? this.networks.forSession(spec.sessionId, known) : undefined;
    try {
      const own = known ?? (await networkNamed(this.client, (await this.instance(name)).config[NODE_KEYS.network] ?? ''));
      const { network, adopted } = await (deciding ?? this.networks.forSession(spec.sessionId, own));
      let address = nodeAddress(own, 1);
      if (!adopted) {
        moved = { network, slot: await this.networks.reserve(network) };
        address = nodeAddress(network, moved.slot);
      }
      await this.client.run('PATCH', `/1.0/instances/${name}`, {
        config: { ...this.sessionLabels(spec, network, address), [NODE_KEYS.spare]: 'false' },
        ...(adopted ? {} : { devices: { eth0: nicOn(network.name) } }),
      });
      if (moved) {
        this.networks.release(moved.network, moved.slot);
        void this.networks.releaseIfEmpty(own.name).catch(() => undefined);
      }
      await this.joins.join(name, spec.node, address, network);
      this.opts.logger.info('spare claimed', { name, session: spec.sessionId, adopted, ms: Date.now() - started });
      return this.refOf(await this.instance(name));
    } catch (err) {
      if (moved) this.networks.release(moved.network, moved.slot);
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

  /** What a previous run left: its unclaimed spares, and session bridges no node uses any more. */
  private async releaseLeftovers(): Promise<void> {
    await this.removeSpares();
    for (const network of await sessionNetworks(this.client, this.opts.instance)) {
      await this.networks.releaseIfEmpty(network).catch((err: unknown) =>
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

