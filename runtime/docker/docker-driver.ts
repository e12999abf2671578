/**
 * The Docker driver: each sandbox node is one container running its own Docker engine
 * in its own user namespace (see sandbox-profile.ts), on its session's own network (session-network.ts) next to the read-only image mirror.
 * Only runtime/docker/* imports dockerode. This module reads no environment variables:
 * the server passes its configuration in.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Docker from 'dockerode';
import {
  SANDBOX_LABELS,
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
import {
  ImageMissingError,
  RuntimeError,
  SandboxNotFoundError,
  SandboxNotRunningError,
} from '../errors';
import { engineMessage, statusOf, toRuntimeError } from './docker-errors';
import { sandboxEndpoint } from './endpoint';
import { HostShell } from './host-shell';
import { cgroupProcsFiles, nodeInitPid } from './node-process';
import { ensureInfrastructure, type RuntimeLogger } from './infrastructure';
import { publishSessionHosts } from './session-hosts';
import { NodeDisks } from './node-disk';
import { nodeContainerOptions, nodeDiskOf, type NodeContainerSpec } from './node-container';
import { ensureSessionNetwork, isSessionNetwork, releaseSessionNetwork, sessionNetworkName } from './session-network';
import { WarmPool } from '../warm-pool';
import { sleep } from './exec-io';
import { waitForEngine } from './engine-readiness';
import { execInContainer } from './container-exec';


export interface DockerDriverOptions {
  /** A ready dockerode client; otherwise one is made for `socketPath`. */
  docker?: Docker;
  socketPath?: string;
  network?: string;
  registryName?: string;
  /** Read-only twin of the registry, the only one sandboxes can reach. */
  mirrorName?: string;
  registryImage?: string;
  registryVolume?: string;
  /** Where the registry is published on the host, for build-all.sh's pushes. */
  registryPublish?: { ip: string; port: number };
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
  /** Where the nodes' disks are kept (node-disk.ts); a folder per instance is made inside. */
  diskDir?: string;
  /** Spare nodes kept started per image (../warm-pool.ts); none by default. */
  pool?: { size: number; images: string[]; hasRoom: () => Promise<boolean> };
}

export const DOCKER_DRIVER_DEFAULTS = {
  socketPath: '/var/run/docker.sock',
  network: 'dockyard-net',
  registryName: 'dockyard-registry',
  mirrorName: 'dockyard-mirror',
  registryImage: 'dockyard/registry:latest',
  registryVolume: 'dockyard-registry-data',
  registryPublish: { ip: '127.0.0.1', port: 5000 },
  defaultLimits: { memoryMiB: 2048, cpus: 1, pids: 1024, diskGiB: 10 },
  readyTimeoutMs: 30_000,
  maxOutputBytes: 1024 * 1024,
  instance: 'default',
  subnetPool: '10.213.0.0/16',
  diskDir: '/var/lib/dockyard/disks',
} as const;

/** Spare nodes wait on their own network ("session" `spares`), named dockyard-spare-…. */
const SPARES_SESSION = 'spares';
const SPARE_PREFIX = 'dockyard-spare-';
const SPARE_LABEL = 'dockyard.spare';
/** The node's disk keeps its first name: a claimed spare is renamed. */
const DISK_LABEL = 'dockyard.disk';
/** Shells and commands run inside the node, as its root, never in the jail around it. */
const ENTER_NODE = ['dockyard-enter'];
const NODE_NAME = /^[a-z][a-z0-9-]{0,30}$/;
const silent: RuntimeLogger = { info: () => undefined, warn: () => undefined };

export class DockerSandboxDriver implements SandboxDriver {
  readonly name = 'docker';
  private readonly docker: Docker;
  private readonly opts: Required<Omit<DockerDriverOptions, 'docker' | 'socketPath' | 'pool'>>;
  private preparing: Promise<void> | undefined;
  private readonly networksInProgress = new Map<string, Promise<string>>();
  private readonly disks: NodeDisks;
  private readonly pool: WarmPool | undefined;
  /** Claimed spares carry no session labels (labels are fixed at creation): who they belong to. */
  private readonly claims = new Map<string, { sessionId: string; lab: string; node: string }>();

  constructor(options: DockerDriverOptions = {}) {
    const { docker, socketPath, pool, ...rest } = options;
    this.docker = docker ?? new Docker({ socketPath: socketPath ?? DOCKER_DRIVER_DEFAULTS.socketPath });
    this.opts = {
      ...DOCKER_DRIVER_DEFAULTS,
      logger: silent,
      ...(Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as typeof rest),
    };
    this.disks = new NodeDisks(path.join(this.opts.diskDir, this.opts.instance));
    if (pool && pool.size > 0) {
      this.pool = new WarmPool({
        ...pool,
        make: (image) => this.makeSpare(image),
        log: (message, detail) => this.opts.logger.warn(message, detail),
      });
    }
  }

  async prepare(): Promise<void> {
    const run = ensureInfrastructure(this.docker, this.opts, () => this.releaseLeftovers()).then(() => this.pool?.start());
    this.preparing = run.catch((err: unknown) => {
      this.preparing = undefined;
      throw err;
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
    const name = nodeContainerName(spec);
    const labels = {
      ...this.baseLabels(name),
      [SANDBOX_LABELS.sessionId]: spec.sessionId,
      [SANDBOX_LABELS.lab]: spec.lab,
      [SANDBOX_LABELS.node]: spec.node,
    };
    const limits = { ...this.opts.defaultLimits, ...definedOnly(spec.limits) };
    try {
      const { id, createdAt } = await this.startNode({ name, image: spec.image, hostname: spec.node, labels, network, aliases: [spec.node], limits });
      await this.publishHosts(network);
      this.opts.logger.info('sandbox ready', { id, name, ms: Date.now() - started });
      return { id, sessionId: spec.sessionId, lab: spec.lab, node: spec.node, createdAt };
    } catch (err) {
      await releaseSessionNetwork(this.docker, network, this.opts.mirrorName).catch(() => undefined);
      throw this.createError(err, spec, name);
    }
  }

  async stop(): Promise<void> {
    // The pool's own spares (those still being made included), then any other unclaimed one.
    const spares = (await this.pool?.stop()) ?? [];
    await Promise.all(spares.map((id) => this.destroy(id).catch(() => undefined)));
    await this.removeUnclaimedSpares();
  }

  private async removeUnclaimedSpares(): Promise<void> {
    const filters = { label: [`${SANDBOX_LABELS.instance}=${this.opts.instance}`, `${SPARE_LABEL}=true`] };
    const spares = await this.docker.listContainers({ all: true, filters });
    await Promise.all(spares.filter(isUnclaimedSpare).map((spare) => this.destroy(spare.Id).catch(() => undefined)));
  }

  /** Spare nodes ready now, per image (warm pool). */
  spares(): Record<string, number> {
    return this.pool?.counts() ?? {};
  }

  /** Creates, starts and waits for a node container with its disk; removes both on failure. */
  private async startNode(spec: Omit<NodeContainerSpec, 'disk'>): Promise<{ id: string; createdAt: Date }> {
    let id: string | undefined;
    try {
      const disk = await this.disks.create(spec.name, spec.limits.diskGiB);
      const container = await this.docker.createContainer(nodeContainerOptions({ ...spec, disk }));
      id = container.id;
      await container.start();
      await this.waitUntilReady(id);
      return { id, createdAt: new Date((await container.inspect()).Created) };
    } catch (err) {
      // Never leave half-made sandboxes behind (the disk included).
      await this.removeQuietly(id, spec.name);
      throw err instanceof RuntimeError || id === undefined ? err : toRuntimeError(err, id);
    }
  }

  /** A spare node: started on the spares' network, with no session, ready to be claimed. */
  private async makeSpare(image: string): Promise<string> {
    const name = `${SPARE_PREFIX}${randomUUID().slice(0, 8)}`;
    const network = await this.sessionNetwork(SPARES_SESSION);
    const labels = { ...this.baseLabels(name), [SPARE_LABEL]: 'true' };
    const limits = this.opts.defaultLimits;
    return (await this.startNode({ name, image, hostname: 'spare', labels, network, aliases: [], limits })).id;
  }

  /**
   * Moves a spare node into a session: joins the session's network (the node takes the new
   * address), takes the node's name, learns the session's names. On failure the spare is
   * removed and the caller makes a node the slow way.
   */
  private async claimSpare(id: string, spec: SandboxSpec): Promise<SandboxRef | undefined> {
    const started = Date.now();
    const network = await this.sessionNetwork(spec.sessionId);
    try {
      await this.docker.getNetwork(network).connect({ Container: id, EndpointConfig: { Aliases: [spec.node] } });
      await this.docker.getNetwork(sessionNetworkName(SPARES_SESSION)).disconnect({ Container: id, Force: true });
      const rejoin = await this.execIn('jail', id, ['dockyard-rejoin-network'], { timeoutMs: 10_000 });
      if (rejoin.exitCode !== 0) throw new Error(rejoin.output);
      await this.exec(id, ['sh', '-c', 'hostname "$0" && echo "$0" > /etc/hostname', spec.node], { timeoutMs: 10_000 });
      await this.docker.getContainer(id).rename({ name: nodeContainerName(spec) });
      this.claims.set(id, { sessionId: spec.sessionId, lab: spec.lab, node: spec.node });
      await this.publishHosts(network);
      this.opts.logger.info('spare claimed', { id, session: spec.sessionId, ms: Date.now() - started });
      const info = await this.docker.getContainer(id).inspect();
      return { id, sessionId: spec.sessionId, lab: spec.lab, node: spec.node, createdAt: new Date(info.Created) };
    } catch (err) {
      this.opts.logger.warn('spare not claimed', { id, error: engineMessage(err) });
      await this.destroy(id).catch(() => undefined);
      return undefined;
    }
  }

  private baseLabels(diskName: string): Record<string, string> {
    return { [SANDBOX_LABELS.managed]: 'true', [SANDBOX_LABELS.instance]: this.opts.instance, [DISK_LABEL]: diskName };
  }

  async attachShell(id: string, size: ShellSize): Promise<Shell> {
    try {
      const info = await this.docker.getContainer(id).inspect();
      if (!info.State.Running) throw new SandboxNotRunningError(id);
      const nodePid = await nodeInitPid(info.State.Pid);
      return new HostShell(nodePid, await cgroupProcsFiles(nodePid), size);
    } catch (err) {
      throw toRuntimeError(err, id);
    }
  }

  async exec(id: string, command: string[], options: ExecOptions = {}): Promise<ExecResult> {
    return this.execIn('node', id, command, options);
  }

  /** Runs a command in the node (as its root) or, for the driver's own scripts, in the jail. */
  private execIn(where: 'node' | 'jail', id: string, command: string[], options: ExecOptions): Promise<ExecResult> {
    return execInContainer(this.docker, id, [where === 'node' ? ENTER_NODE : [], command], options, this.opts.maxOutputBytes);
  }

  async destroy(id: string): Promise<void> {
    const container = this.docker.getContainer(id);
    let info: Docker.ContainerInspectInfo;
    try {
      info = await container.inspect();
    } catch (err) {
      if (statusOf(err) === 404) return; // already gone: destroy is idempotent
      throw toRuntimeError(err, id);
    }
    // Refuse to touch what Dockyard did not create (the registry, someone's own containers).
    if (info.Config.Labels?.[SANDBOX_LABELS.managed] !== 'true') throw new SandboxNotFoundError(id);
    try {
      await container.remove({ force: true, v: true });
    } catch (err) {
      const status = statusOf(err);
      if (status === 409) await this.waitUntilGone(id); // a concurrent destroy is removing it
      else if (status !== 404) throw toRuntimeError(err, id);
    }
    this.claims.delete(info.Id);
    const disk = nodeDiskOf(info);
    if (disk) await this.disks.removeMountedAt(disk);
    else await this.disks.remove(info.Config.Labels?.[DISK_LABEL] ?? info.Name.replace(/^\//, ''));
    await this.releaseNetworks(Object.keys(info.NetworkSettings.Networks ?? {}));
  }

  private async releaseNetworks(names: string[]): Promise<void> {
    for (const name of names.filter(isSessionNetwork)) {
      await releaseSessionNetwork(this.docker, name, this.opts.mirrorName).catch((err: unknown) =>
        this.opts.logger.warn('network not removed', { name, error: engineMessage(err) }),
      );
    }
  }

  /**
   * The session's network, made once even when its nodes are created at the same time
   * (Docker's own duplicate checks race: a second create or connect can fail mid-way).
   */
  private sessionNetwork(sessionId: string): Promise<string> {
    let pending = this.networksInProgress.get(sessionId);
    if (!pending) {
      pending = ensureSessionNetwork(this.docker, sessionId, {
        mirrorName: this.opts.mirrorName,
        labels: this.networkLabels(sessionId),
        subnetPool: this.opts.subnetPool,
      })
        .catch((err: unknown) => {
          throw toRuntimeError(err);
        })
        .finally(() => this.networksInProgress.delete(sessionId));
      this.networksInProgress.set(sessionId, pending);
    }
    return pending;
  }

  /**
   * What a previous run left: its unclaimed spares (the pool starts afresh), then session
   * networks and node disks whose sandboxes vanished while no server was running (a crash).
   */
  private async releaseLeftovers(): Promise<void> {
    await this.removeUnclaimedSpares();
    const filters = { label: [`${SANDBOX_LABELS.managed}=true`, `${SANDBOX_LABELS.instance}=${this.opts.instance}`] };
    const networks = await this.docker.listNetworks({ filters });
    await this.releaseNetworks(networks.map((n) => n.Name));
    const containers = await this.docker.listContainers({ all: true, filters });
    await this.disks.removeAllBut(new Set(containers.map((c) => c.Labels[DISK_LABEL] ?? '')));
  }

  private networkLabels(sessionId: string): Record<string, string> {
    return {
      [SANDBOX_LABELS.managed]: 'true',
      [SANDBOX_LABELS.instance]: this.opts.instance,
      [SANDBOX_LABELS.sessionId]: sessionId,
    };
  }

  async list(): Promise<SandboxRef[]> {
    try {
      const containers = await this.docker.listContainers({
        all: true,
        filters: { label: [`${SANDBOX_LABELS.managed}=true`, `${SANDBOX_LABELS.instance}=${this.opts.instance}`] },
      });
      // Spares waiting in the pool belong to no session: they are the pool's, not the reaper's.
      return containers.filter((c) => !isUnclaimedSpare(c)).map((c) => {
        const claim = this.claims.get(c.Id);
        return {
          id: c.Id,
          sessionId: claim?.sessionId ?? c.Labels[SANDBOX_LABELS.sessionId] ?? '',
          lab: claim?.lab ?? c.Labels[SANDBOX_LABELS.lab] ?? '',
          node: claim?.node ?? c.Labels[SANDBOX_LABELS.node] ?? '',
          createdAt: new Date(c.Created * 1000),
        };
      });
    } catch (err) {
      throw toRuntimeError(err);
    }
  }

  async isRunning(id: string): Promise<boolean> {
    try {
      return (await this.docker.getContainer(id).inspect()).State.Running;
    } catch (err) {
      if (statusOf(err) === 404) return false;
      throw toRuntimeError(err, id);
    }
  }

  endpoint(id: string, port: number): Promise<SandboxEndpoint> {
    return sandboxEndpoint(this.docker, id, port);
  }

  // ---- helpers -------------------------------------------------------------------------

  /** Polls the node's engine until it answers; fails early if the container died. */
  private waitUntilReady(id: string): Promise<void> {
    const probe = () => this.exec(id, ['docker', 'info', '--format', '{{.ServerVersion}}'], { timeoutMs: 5_000 });
    return waitForEngine(this.docker, id, probe, this.opts.readyTimeoutMs);
  }

  /** Every node of the session learns the names of the others (and of the mirror). */
  private async publishHosts(network: string): Promise<void> {
    const run = (id: string, command: string[], stdin: string) => this.exec(id, command, { stdin, timeoutMs: 30_000 });
    const nodes = async () => {
      const attached = await this.docker.listContainers({ filters: { network: [network], label: [`${SANDBOX_LABELS.instance}=${this.opts.instance}`] } });
      return new Map(attached.map((c) => [c.Id, this.claims.get(c.Id)?.node ?? c.Labels[SANDBOX_LABELS.node] ?? '']));
    };
    await nodes().then((map) => publishSessionHosts(this.docker, network, this.opts.mirrorName, map, run)).catch((err: unknown) =>
      this.opts.logger.warn('session names not published', { network, error: engineMessage(err) }),
    );
  }

  /** Errors that came before the container existed, in the student's and operator's words. */
  private createError(err: unknown, spec: SandboxSpec, name: string): RuntimeError {
    if (err instanceof RuntimeError) return err;
    const status = statusOf(err);
    if (status === 404 && /image/i.test(engineMessage(err))) {
      return new ImageMissingError(spec.image, err);
    }
    if (status === 409) {
      return new RuntimeError('conflict', `Un bac à sable ${name} existe déjà pour ce nœud : détruisez-le d'abord.`, {
        detail: engineMessage(err),
        cause: err,
      });
    }
    return toRuntimeError(err);
  }

  private async removeQuietly(id: string | undefined, name: string): Promise<void> {
    if (id !== undefined) await this.docker.getContainer(id).remove({ force: true, v: true }).catch(() => undefined);
    await this.disks.remove(name).catch((err: unknown) => this.opts.logger.warn('disk not removed', { name, error: String(err) }));
  }

  private async waitUntilGone(id: string): Promise<void> {
    for (let i = 0; i < 100; i += 1) {
      if (!(await this.exists(id))) return;
      await sleep(100);
    }
  }

  private async exists(id: string): Promise<boolean> {
    try {
      await this.docker.getContainer(id).inspect();
      return true;
    } catch (err) {
      if (statusOf(err) === 404) return false;
      throw toRuntimeError(err, id);
    }
  }
}

/** Readable names for operators (`docker ps`); ids stay the reference. */
function nodeContainerName(spec: SandboxSpec): string {
  return `dockyard-${spec.sessionId.replace(/[^a-zA-Z0-9_.-]/g, '-').slice(0, 40)}-${spec.node}`;
}

function isUnclaimedSpare(container: Docker.ContainerInfo): boolean {
  return container.Labels[SPARE_LABEL] === 'true' && container.Names.some((n) => n.startsWith(`/${SPARE_PREFIX}`));
}

function definedOnly(limits: SandboxLimits | undefined): SandboxLimits {
  return Object.fromEntries(Object.entries(limits ?? {}).filter(([, v]) => v !== undefined)) as SandboxLimits;
}
