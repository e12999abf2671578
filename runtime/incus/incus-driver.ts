/**
 * The Incus driver: each lab node is an unprivileged Incus system container (its root is a
 * uid range of its own on the host, see setup-host.sh's profile) running its own Docker
 * engine, its session on a /26 of its own (session-subnets.ts, host-firewall.sh). Terminals and checks go through
 * Incus's exec API: the server opens no PTY and runs nothing of the node's on the host.
 * Only runtime/incus/* talks to Incus. This module reads no environment variables: the
 * server passes its configuration in.
 */
import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import {
  type ExecOptions,
  type ExecResult,
  type RuntimeMachine,
  type SandboxDriver,
  type SandboxEndpoint,
  type SandboxLimits,
  type SandboxRef,
  type SandboxSpec,
  type SandboxStatus,
  type Shell,
  type ShellSize,
} from '../driver';
import { ImageMissingError, MachineUnavailableError, RuntimeError, SandboxNotFoundError, SandboxNotRunningError, SandboxStartError } from '../errors';
import { WarmPool } from '../warm-pool';
import { IncusClient } from './incus-client';
import { incusMessage, isNotFound, toRuntimeError } from './incus-errors';
import { prepareHost, type RuntimeLogger } from './infrastructure';
import { execInNode } from './node-exec';
import { imageAlias, NODE_KEYS, nodeInstanceBody, routedNic, type IncusInstance } from './node-instance';
import { openNodeShell } from './node-shell';
import { openNodeTunnel } from './node-tunnel';
import { SessionJoins } from './session-join';
import { type Placement, SessionPlacement } from './session-placement';
import { machineOf, runtimeMachines, sandboxStatus } from './runtime-machines';
import { removeLegacyBridges } from './legacy-bridges';
import { releaseAbandonedClaims } from './subnet-claims';
import { nodeAddress, SessionSubnets } from './session-subnets';
import { nodeEgressSetup } from './node-egress';
import { checkSnapshotLabel, NodePersistence } from './node-persistence';

export interface IncusDriverOptions {
  socketPath?: string;
  /** The Incus profile made by setup-host.sh: unprivileged, isolated idmap, nesting. */
  profile?: string;
  /** The storage pool of the nodes' root disks (copy-on-write: btrfs). */
  pool?: string;
  defaultLimits?: Required<SandboxLimits>;
  /** How long create() waits for the inner engine to answer. */
  readyTimeoutMs?: number;
  /** exec() keeps at most this much output (a check script printing forever must not hurt). */
  maxOutputBytes?: number;
  logger?: RuntimeLogger;
  /** Pool of IPv4 subnets for sessions (a /26 each); must not clash with the host's networks, and match host-firewall.sh's. */
  subnetPool?: string;
  /** Labels this driver's sandboxes; list() sees only them, so instances never reap each other. */
  instance?: string;
  /** The operator let nodes out (DOCKYARD_INTERNET=on): each node's tools use the egress proxy (node-egress.ts). */
  internet?: boolean;
  /** The app's page of offline images (DOCKYARD_PUBLIC_URL + /images), named by a node's docker when an image is missing. */
  catalogUrl?: string;
  /**
   * Spare nodes kept started per image (../warm-pool.ts); none by default. `shared`: several
   * servers use this Incus (web replicas); only the one holding the pool's lease keeps spares:
   * prepare() then neither removes spares nor starts the pool, keepSpares() does, and stop()
   * removes only this server's own spares.
   */
  spares?: { size: number; images: string[]; hasRoom: () => Promise<boolean>; shared?: boolean; onTake?: (image: string, hit: boolean) => void };
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
  defaultLimits: { memoryMiB: 2048, cpus: 1, pids: 1024, diskGiB: 10 },
  readyTimeoutMs: 60_000,
  maxOutputBytes: 1024 * 1024,
  instance: 'default',
  subnetPool: '10.213.0.0/16',
  internet: false,
  catalogUrl: '',
} as const;

const NODE_NAME = /^[a-z][a-z0-9-]{0,30}$/;
const silent: RuntimeLogger = { info: () => undefined, warn: () => undefined };

export class IncusSandboxDriver implements SandboxDriver {
  readonly name = 'incus';
  private readonly client: IncusClient;
  private readonly opts: Required<Omit<IncusDriverOptions, 'socketPath' | 'spares'>>;
  private preparing: Promise<void> | undefined;
  private readonly subnets: SessionSubnets;
  private readonly joins: SessionJoins;
  private readonly pool: WarmPool | undefined;
  /** Spares shared by several servers: the pool is kept only after keepSpares(). */
  private readonly sharedSpares: boolean;
  /** Each ready spare's own /26, known at once when it is claimed (see claimSpare). */
  private readonly spareSubnets = new Map<string, string>();
  /** Each ready spare's cluster member: a session's later nodes take only a spare on its member. */
  private readonly spareMembers = new Map<string, string>();
  private readonly placement = new SessionPlacement((sessionId) => this.memberOfSession(sessionId));
  private readonly persistence: NodePersistence;

  constructor(options: IncusDriverOptions = {}) {
    const { socketPath, spares, ...rest } = options;
    this.client = new IncusClient({ socketPath: socketPath ?? INCUS_DRIVER_DEFAULTS.socketPath });
    this.opts = {
      ...INCUS_DRIVER_DEFAULTS,
      logger: silent,
      ...(Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as typeof rest),
    };
    const nodes = () => this.ownInstances();
    this.subnets = new SessionSubnets(this.client, { subnetPool: this.opts.subnetPool, allNodes: () => this.allNodes() });
    const settings = {
      egress: this.opts.internet ? nodeEgressSetup(this.opts.subnetPool) : undefined,
      catalogUrl: this.opts.catalogUrl || undefined,
    };
    this.joins = new SessionJoins((name, command, options) => this.exec(name, command, options), nodes, this.opts.logger.warn, settings);
    this.persistence = new NodePersistence({
      client: this.client,
      exec: (name, command, options) => this.exec(name, command, options),
      rejoin: (name) => this.rejoin(name),
      readyTimeoutMs: this.opts.readyTimeoutMs,
    });
    this.sharedSpares = spares?.shared === true;
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
      .then(() => (this.sharedSpares ? undefined : this.releaseLeftovers()))
      .then(() => (this.sharedSpares ? undefined : this.pool?.start()));
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
    const placement = await this.placementOf(spec.sessionId);
    let member = placement && 'member' in placement ? placement.member : undefined;
    const placed = (where: string) => {
      member = where;
      if (placement && 'settle' in placement) placement.settle(where);
    };
    try {
      // Spares have the default limits: a lab asking for others gets a node of its own.
      const spare =
        Object.keys(definedOnly(spec.limits)).length === 0
          ? this.pool?.take(spec.image, (id) => member === undefined || this.spareMembers.get(id) === member)
          : undefined;
      if (spare !== undefined) {
        const where = this.spareMembers.get(spare);
        if (placement && where) placed(where);
        const claimed = await this.claimSpare(spare, spec);
        this.pool?.replenish(spec.image);
        if (claimed) return claimed;
      }
      return await this.createNode(spec, placement ? { member, placed } : {});
    } finally {
      // A leader that made no node: the session's other nodes choose again.
      if (placement && 'settle' in placement) placement.settle(member);
    }
  }

  /** A node made from scratch, on `member` when given (its session's); `placed` learns where Incus put it. */
  private async createNode(spec: SandboxSpec, where: NodeWhere): Promise<SandboxRef> {
    const started = Date.now();
    const { subnet } = await this.subnets.forSession(spec.sessionId);
    const name = newNodeName();
    const limits = { ...this.opts.defaultLimits, ...definedOnly(spec.limits) };
    const slot = await this.subnets.reserve(subnet);
    try {
      const address = nodeAddress(subnet, slot);
      await this.startNode({ name, image: spec.image, limits, address, labels: this.sessionLabels(spec, subnet, address) }, where);
      this.subnets.release(subnet, slot);
      await this.joins.join(name, spec, address, subnet);
      this.opts.logger.info('sandbox ready', { name, ms: Date.now() - started });
      // A pool left empty (no room for a while, a spare that failed) is refilled only after a
      // start: with no spare to take, this is the one that tops it up again, once the node is made.
      this.pool?.replenish(spec.image);
      return this.refOf(await this.instance(name));
    } catch (err) {
      this.subnets.release(subnet, slot);
      await this.removeQuietly(name);
      await this.forgetIfUnused(spec.sessionId, subnet);
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
    // Its machine does not answer: the reaper removes it once it does (an orphan then). Asked
    // first, of a listing that answers at once, where a GET would wait on a machine cut off.
    if (await this.onSilentMachine(id)) {
      this.opts.logger.warn('node left on a machine that does not answer', { name: id });
      return;
    }
    let instance: IncusInstance;
    try {
      instance = await this.instance(id);
    } catch (err) {
      if (isNotFound(err)) return; // already gone: destroy is idempotent
      throw toRuntimeError(err, id);
    }
    // Refuse to touch what Dockyard did not create.
    if (instance.config[NODE_KEYS.managed] !== 'true') throw new SandboxNotFoundError(id);
    this.spareSubnets.delete(id);
    this.spareMembers.delete(id);
    await this.removeInstance(id);
    await this.forgetIfUnused(instance.config[NODE_KEYS.session], instance.config[NODE_KEYS.subnet]);
  }

  /** A /26 no node holds any more goes back to the pool (its claim in Incus with it). */
  private async forgetIfUnused(sessionId: string | undefined, subnet: string | undefined): Promise<void> {
    if (!subnet) return;
    try {
      if ((await this.allNodes()).some((i) => i.config[NODE_KEYS.subnet] === subnet)) return;
      await this.subnets.forget(sessionId, subnet);
    } catch (err) {
      this.opts.logger.warn('subnet claim not released', { subnet, error: incusMessage(err) });
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
      const [{ nodes, silent }, machines] = await Promise.all([this.allInstances(), runtimeMachines(this.client)]);
      // Spares waiting in the pool belong to no session: they are the pool's, not the reaper's.
      const own = nodes.filter((i) => i.config[NODE_KEYS.instance] === this.opts.instance && i.config[NODE_KEYS.spare] !== 'true');
      // Whose those of a silent member are, Incus cannot say: listed without labels, so that
      // a session knows its nodes' status (the reaper removes none of them while they are silent).
      return [...own, ...silent].map((i) => ({ ...this.refOf(i, sandboxStatus(i, machines)), machine: machineOf(i, machines) }));
    } catch (err) {
      throw toRuntimeError(err);
    }
  }

  async isRunning(id: string): Promise<boolean> {
    return (await this.status(id)) === 'running';
  }

  async status(id: string): Promise<SandboxStatus> {
    try {
      // A listing, not GET /1.0/instances/NAME: it answers at once (« Error ») for an
      // instance whose member is gone, where the GET fails.
      const [instance] = await this.client.get<IncusInstance[]>(`/1.0/instances?recursion=1&filter=${encodeURIComponent(`name eq ${id}`)}`);
      if (!instance) return 'stopped';
      return instance.status === 'Running' ? 'running' : sandboxStatus(instance, await runtimeMachines(this.client));
    } catch (err) {
      throw toRuntimeError(err, id);
    }
  }

  async machines(): Promise<RuntimeMachine[]> {
    try {
      return await runtimeMachines(this.client);
    } catch (err) {
      throw toRuntimeError(err);
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

  async connect(id: string, port: number): Promise<Duplex> {
    const { host } = await this.endpoint(id, port);
    try {
      return await openNodeTunnel(this.client, id, host, port);
    } catch (err) {
      throw toRuntimeError(err, id);
    }
  }

  async stop(): Promise<void> {
    // The pool's own spares (those still being made included), then any other unclaimed one.
    const spares = (await this.pool?.stop()) ?? [];
    await Promise.all(spares.map((id) => this.destroy(id).catch(() => undefined)));
    // Shared: the others are the spares of the server keeping the pool now.
    if (!this.sharedSpares) await this.removeSpares();
  }

  /**
   * spares.shared: this server keeps the pool from now on (it took the pool's lease). What the
   * previous keeper left (its spares, leftovers) is removed first, then the pool fills.
   */
  async keepSpares(): Promise<void> {
    await (this.preparing ?? this.prepare());
    await this.releaseLeftovers();
    this.pool?.start();
  }

  // ---- labs that last (node-persistence.ts) -------------------------------------------

  pause(id: string): Promise<{ addedBytes: number }> {
    return this.persisting(id, async () => ({ addedBytes: await this.persistence.pause(id) }));
  }

  resume(id: string): Promise<void> {
    return this.persisting(id, async () => {
      await this.ontoMemberOnline(id);
      await this.persistence.resume(id);
    });
  }

  /**
   * A stopped node whose member is in maintenance (evacuated) moves to a member online first:
   * Incus copies its disk, snapshots included, and it keeps its name and address (the host
   * firewall's rules are the same on every member). From a member that is down, nothing can
   * be copied: the lab waits for it.
   */
  private async ontoMemberOnline(id: string): Promise<void> {
    const [instance, machines] = await Promise.all([this.instance(id), runtimeMachines(this.client)]);
    const here = machines.find((machine) => machine.name === instance.location);
    if (!here || here.state === 'online') return;
    const target = machines.find((machine) => machine.state === 'online');
    if (here.state === 'down' || !target) throw new MachineUnavailableError(`${id} sur ${here.name} (${here.state})`);
    await this.client.run('POST', `/1.0/instances/${id}?target=${encodeURIComponent(target.name)}`, { name: id, migration: true, live: false });
    this.opts.logger.info('paused node moved off a member in maintenance', { name: id, from: here.name, to: target.name });
  }

  async snapshot(id: string, label: string): Promise<void> {
    checkSnapshotLabel(label);
    return this.persisting(id, () => this.persistence.snapshot(id, label));
  }

  async restore(id: string, label: string): Promise<void> {
    checkSnapshotLabel(label);
    return this.persisting(id, () => this.persistence.restore(id, label));
  }

  async deleteSnapshot(id: string, label: string): Promise<void> {
    checkSnapshotLabel(label);
    return this.persisting(id, () => this.persistence.deleteSnapshot(id, label));
  }

  /** Only Dockyard's own nodes, with errors in the runtime's terms. */
  private async persisting<T>(id: string, work: () => Promise<T>): Promise<T> {
    try {
      if ((await this.instance(id)).config[NODE_KEYS.managed] !== 'true') throw new SandboxNotFoundError(id);
      return await work();
    } catch (err) {
      throw toRuntimeError(err, id);
    }
  }

  /** A node started again (resumed, restored) joins its session anew: address, names, sshd, shell. */
  private async rejoin(name: string): Promise<void> {
    const { config } = await this.instance(name);
    const spec = { node: config[NODE_KEYS.node] ?? name, aliases: (config[NODE_KEYS.aliases] ?? '').split(' ').filter(Boolean) };
    await this.joins.join(name, spec, config[NODE_KEYS.address] ?? '', config[NODE_KEYS.subnet] ?? '', { again: true });
  }

  /** Spare nodes ready now, per image (warm pool). */
  spares(): Record<string, number> {
    return this.pool?.counts() ?? {};
  }

  // ---- nodes --------------------------------------------------------------------------

  /** Creates and starts a node, and waits until its inner engine answers. */
  private async startNode(spec: NodeStart, where: NodeWhere = {}): Promise<void> {
    const body = nodeInstanceBody({ ...spec, image: imageAlias(spec.image), profile: this.opts.profile, pool: this.opts.pool });
    await this.client.run('POST', `/1.0/instances${where.member ? `?target=${encodeURIComponent(where.member)}` : ''}`, body);
    // Known once the instance exists: the session's other nodes need not wait for its engine.
    if (where.placed) where.placed((await this.instance(spec.name)).location);
    const ready = await this.exec(spec.name, ['start-dockerd'], { timeoutMs: this.opts.readyTimeoutMs });
    if (ready.exitCode !== 0) throw new SandboxStartError(ready.output);
  }

  /**
   * A spare node: started with an address in a /26 of its own and no session, ready to be
   * claimed. The /26 becomes its session's if it is the session's first node.
   */
  private async makeSpare(image: string): Promise<string> {
    const name = newNodeName();
    const subnet = await this.subnets.forSpare();
    const address = nodeAddress(subnet, 1);
    const labels = { ...this.baseLabels(), [NODE_KEYS.spare]: 'true', [NODE_KEYS.subnet]: subnet, [NODE_KEYS.address]: address };
    try {
      await this.startNode({ name, image, limits: this.opts.defaultLimits, address, labels }, { placed: (member) => this.spareMembers.set(name, member) });
      this.spareSubnets.set(name, subnet);
      return name;
    } catch (err) {
      this.spareMembers.delete(name);
      await this.removeQuietly(name);
      throw err;
    } finally {
      this.subnets.settle(subnet);
    }
  }

  /**
   * Moves a spare node into a session. The session's first node keeps the spare's /26,
   * which becomes the session's; a later one takes an address in the session's /26 (its
   * eth0 is made again). Then it joins. On failure the spare is removed and the caller
   * makes a node the slow way.
   */
  private async claimSpare(name: string, spec: SandboxSpec): Promise<SandboxRef | undefined> {
    const started = Date.now();
    let moved: { subnet: string; slot: number } | undefined;
    // Offered before anything else is awaited: the lab's other nodes, created at the same
    // time, then wait for this decision instead of giving the session a /26 of their own.
    const known = this.spareSubnets.get(name);
    this.spareSubnets.delete(name);
    this.spareMembers.delete(name);
    const deciding = known ? this.subnets.forSession(spec.sessionId, known) : undefined;
    try {
      const own = known ?? (await this.instance(name)).config[NODE_KEYS.subnet] ?? '';
      const { subnet, adopted } = await (deciding ?? this.subnets.forSession(spec.sessionId, own));
      let address = nodeAddress(own, 1);
      if (!adopted) {
        moved = { subnet, slot: await this.subnets.reserve(subnet) };
        address = nodeAddress(subnet, moved.slot);
      }
      await this.client.run('PATCH', `/1.0/instances/${name}`, {
        config: { ...this.sessionLabels(spec, subnet, address), [NODE_KEYS.spare]: 'false' },
        ...(adopted ? {} : { devices: { eth0: routedNic(name, address) } }),
      });
      if (moved) {
        this.subnets.release(moved.subnet, moved.slot);
        await this.forgetIfUnused(undefined, own);
      }
      await this.joins.join(name, spec, address, subnet);
      this.opts.logger.info('spare claimed', { name, session: spec.sessionId, adopted, ms: Date.now() - started });
      return this.refOf(await this.instance(name));
    } catch (err) {
      if (moved) this.subnets.release(moved.subnet, moved.slot);
      this.opts.logger.warn('spare not claimed', { name, error: incusMessage(err) });
      await this.destroy(name).catch(() => undefined);
      return undefined;
    }
  }

  private baseLabels(): Record<string, string> {
    return { [NODE_KEYS.managed]: 'true', [NODE_KEYS.instance]: this.opts.instance };
  }

  private sessionLabels(spec: SandboxSpec, subnet: string, address: string): Record<string, string> {
    return {
      ...this.baseLabels(),
      [NODE_KEYS.session]: spec.sessionId,
      [NODE_KEYS.lab]: spec.lab,
      [NODE_KEYS.node]: spec.node,
      [NODE_KEYS.aliases]: (spec.aliases ?? []).join(' '),
      [NODE_KEYS.subnet]: subnet,
      [NODE_KEYS.address]: address,
    };
  }

  private instance(name: string): Promise<IncusInstance> {
    return this.client.get<IncusInstance>(`/1.0/instances/${encodeURIComponent(name)}`);
  }

  private async ownInstances(): Promise<IncusInstance[]> {
    return (await this.allNodes()).filter((i) => i.config[NODE_KEYS.instance] === this.opts.instance);
  }

  /** Every Dockyard node on this Incus, whichever Dockyard made it (their /26s are taken). */
  private async allNodes(): Promise<IncusInstance[]> {
    return (await this.allInstances()).nodes;
  }

  /**
   * Incus's instances: Dockyard's nodes, and those of members that do not answer, whose
   * config (our labels included) Incus cannot give (`config: null`), only name, status and
   * location.
   */
  private async allInstances(): Promise<{ nodes: IncusInstance[]; silent: IncusInstance[] }> {
    const all = await this.client.get<Array<IncusInstance | (Omit<IncusInstance, 'config'> & { config: null })>>('/1.0/instances?recursion=1');
    const nodes = all.filter((i): i is IncusInstance => i.config?.[NODE_KEYS.managed] === 'true');
    const silent = all.filter((i): i is IncusInstance => i.config === null).map((i) => ({ ...i, config: {} }));
    return { nodes, silent };
  }

  /** `status`: as listed; a node just made or claimed is running. */
  private refOf(instance: IncusInstance, status: SandboxStatus = 'running'): SandboxRef {
    return {
      status,
      id: instance.name,
      sessionId: instance.config[NODE_KEYS.session] ?? '',
      lab: instance.config[NODE_KEYS.lab] ?? '',
      node: instance.config[NODE_KEYS.node] ?? '',
      createdAt: new Date(instance.created_at),
    };
  }

  /** Incus clustered: where the session's node goes (see session-placement.ts); alone: nowhere to choose. */
  private async placementOf(sessionId: string): Promise<Placement | undefined> {
    const server = await this.client.get<{ environment: { server_clustered: boolean } }>('/1.0');
    return server.environment.server_clustered ? this.placement.join(sessionId) : undefined;
  }

  /** The member of a node the session already has, whichever server made it. */
  private async memberOfSession(sessionId: string): Promise<string | undefined> {
    const filter = encodeURIComponent(`config.${NODE_KEYS.session} eq ${sessionId}`);
    const [node] = await this.client.get<IncusInstance[]>(`/1.0/instances?recursion=1&filter=${filter}`);
    return node?.location;
  }

  /** The node's machine does not answer (down, or not declared so yet). */
  private async onSilentMachine(id: string): Promise<boolean> {
    const status = await this.status(id).catch(() => undefined);
    return status === 'machine-down' || status === 'unreachable';
  }

  /** What a previous run left: its unclaimed spares, and session bridges no node uses any more. */
  private async releaseLeftovers(): Promise<void> {
    await this.removeSpares();
    await removeLegacyBridges(this.client, this.opts.instance).catch((err: unknown) =>
      this.opts.logger.warn('old session bridges not removed', { error: incusMessage(err) }),
    );
    const { nodes, silent } = await this.allInstances();
    // A silent member's nodes still hold their /26s, but whose claims they are is unknown now.
    if (silent.length > 0) return;
    await releaseAbandonedClaims(this.client, nodes).catch((err: unknown) =>
      this.opts.logger.warn('abandoned subnet claims not removed', { error: incusMessage(err) }),
    );
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
interface NodeStart {
  name: string;
  image: string;
  limits: Required<SandboxLimits>;
  address: string;
  labels: Record<string, string>;
}

/** Where a node goes on a cluster: its session's member, if known; `placed` learns where Incus put it. */
interface NodeWhere {
  member?: string;
  placed?: (member: string) => void;
}

function newNodeName(): string {
  return `dy-${randomBytes(5).toString('hex')}`;
}

function definedOnly(limits: SandboxLimits | undefined): SandboxLimits {
  return Object.fromEntries(Object.entries(limits ?? {}).filter(([, v]) => v !== undefined)) as SandboxLimits;
}

