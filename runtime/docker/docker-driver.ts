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
  RuntimeTimeoutError,
  SandboxNotFoundError,
  SandboxStartError,
} from '../errors';
import { sandboxHostConfig } from './sandbox-profile';
import { engineMessage, statusOf, toRuntimeError } from './docker-errors';
import { sandboxEndpoint } from './endpoint';
import { DockerShell } from './docker-shell';
import { ensureInfrastructure, type RuntimeLogger } from './infrastructure';
import { mirrorHostEntry, publishSessionHosts } from './session-hosts';
import { NodeDisks } from './node-disk';
import { ensureSessionNetwork, isSessionNetwork, MIRROR_ALIAS, releaseSessionNetwork } from './session-network';
import { OutputCollector, execExitCode, sleep, streamFinished } from './exec-io';


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

/** Where the jail finds the node's disk (images/sandbox/jail/entrypoint.sh). */
const NODE_DISK = '/node-disk';
/** Shells and commands run inside the node, as its root, never in the jail around it. */
const ENTER_NODE = ['dockyard-enter'];
/** exec() gives the in-sandbox `timeout` this long to kill the command before giving up itself. */
const TIMEOUT_BACKSTOP_MS = 2_000;
const NODE_NAME = /^[a-z][a-z0-9-]{0,30}$/;
const DOCKER_HUB_HOSTS = ['docker.io', 'registry.docker.io', 'registry-1.docker.io', 'index.docker.io', 'auth.docker.io', 'production.cloudflare.docker.com'];
const silent: RuntimeLogger = { info: () => undefined, warn: () => undefined };

export class DockerSandboxDriver implements SandboxDriver {
  readonly name = 'docker';
  private readonly docker: Docker;
  private readonly opts: Required<Omit<DockerDriverOptions, 'docker' | 'socketPath'>>;
  private preparing: Promise<void> | undefined;
  private readonly networksInProgress = new Map<string, Promise<string>>();
  private readonly disks: NodeDisks;

  constructor(options: DockerDriverOptions = {}) {
    const { docker, socketPath, ...rest } = options;
    this.docker = docker ?? new Docker({ socketPath: socketPath ?? DOCKER_DRIVER_DEFAULTS.socketPath });
    this.opts = {
      ...DOCKER_DRIVER_DEFAULTS,
      logger: silent,
      ...(Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as typeof rest),
    };
    this.disks = new NodeDisks(path.join(this.opts.diskDir, this.opts.instance));
  }

  async prepare(): Promise<void> {
    const run = ensureInfrastructure(this.docker, this.opts, () => this.releaseLeftovers());
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

    const limits = { ...this.opts.defaultLimits, ...definedOnly(spec.limits) };
    const labels = {
      [SANDBOX_LABELS.managed]: 'true',
      [SANDBOX_LABELS.instance]: this.opts.instance,
      [SANDBOX_LABELS.sessionId]: spec.sessionId,
      [SANDBOX_LABELS.lab]: spec.lab,
      [SANDBOX_LABELS.node]: spec.node,
    };
    const network = await this.sessionNetwork(spec.sessionId);
    // Readable names for operators (`docker ps`); ids stay the reference.
    const name = `dockyard-${spec.sessionId.replace(/[^a-zA-Z0-9_.-]/g, '-').slice(0, 40)}-${spec.node}`;
    const started = Date.now();
    let id: string | undefined;
    try {
      const mirrorHost = await mirrorHostEntry(this.docker, network, this.opts.mirrorName);
      const disk = await this.disks.create(name, limits.diskGiB);
      const container = await this.docker.createContainer({
        name,
        Image: spec.image,
        Hostname: spec.node,
        Labels: labels,
        Env: [`DOCKYARD_REGISTRY=${MIRROR_ALIAS}`],
        // The node's name resolves on the session network, so node2 can reach node1.
        NetworkingConfig: { EndpointsConfig: { [network]: { Aliases: [spec.node] } } },
        HostConfig: {
          ...sandboxHostConfig(),
          NetworkMode: network,
          // Node names resolve through /etc/hosts (session-hosts.ts); outside names cannot
          // (internal network), so fail them fast instead of after the resolver's 2 × 5 s, and
          // point Docker Hub's names nowhere so the inner engine goes straight to the mirror.
          Dns: ['127.0.0.1'],
          DnsOptions: ['timeout:1', 'attempts:1'],
          ExtraHosts: [mirrorHost, ...DOCKER_HUB_HOSTS.map((host) => `${host}:127.0.0.1`)],
          // The node's own disk: its file changes and its engine's storage, with a size.
          Mounts: [{ Type: 'bind', Source: disk, Target: NODE_DISK }],
          Memory: limits.memoryMiB * 1024 * 1024,
          MemorySwap: limits.memoryMiB * 1024 * 1024,
          NanoCpus: Math.round(limits.cpus * 1e9),
          PidsLimit: limits.pids,
          LogConfig: { Type: 'json-file', Config: { 'max-size': '1m', 'max-file': '1' } },
        },
      });
      id = container.id;
      await container.start();
      await this.waitUntilReady(id);
      await this.publishHosts(network);
      const info = await container.inspect();
      this.opts.logger.info('sandbox ready', { id, name, ms: Date.now() - started });
      return { id, sessionId: spec.sessionId, lab: spec.lab, node: spec.node, createdAt: new Date(info.Created) };
    } catch (err) {
      // Never leave half-made sandboxes behind (the disk included).
      await this.removeQuietly(id, name);
      await releaseSessionNetwork(this.docker, network, this.opts.mirrorName).catch(() => undefined);
      throw this.createError(err, spec, name, id);
    }
  }

  async attachShell(id: string, size: ShellSize): Promise<Shell> {
    // bash records its pid so that kill() can hang it up from inside (see DockerShell.kill).
    const pidFile = `/run/dockyard-shell-${randomUUID()}.pid`;
    try {
      const exec = await this.docker.getContainer(id).exec({
        Cmd: [...ENTER_NODE, '/bin/sh', '-c', 'echo $$ > "$0"; exec bash -l', pidFile],
        AttachStdin: true,
        AttachStdout: true,
        AttachStderr: true,
        Tty: true,
        WorkingDir: '/root',
        Env: ['TERM=xterm-256color', 'LANG=C.UTF-8'],
      });
      const stream = await exec.start({ hijack: true, stdin: true, Tty: true });
      const hangUp = async (): Promise<void> => {
        const script = 'p=$(cat "$0") || exit 0; rm -f "$0"; kill -HUP "$p"; sleep 2; kill -KILL "$p"; true';
        await this.exec(id, ['/bin/sh', '-c', `${script} 2>/dev/null`, pidFile], { timeoutMs: 10_000 });
      };
      const shell = new DockerShell(exec, stream, hangUp);
      await shell.resize(size);
      return shell;
    } catch (err) {
      throw toRuntimeError(err, id);
    }
  }

  async exec(id: string, command: string[], options: ExecOptions = {}): Promise<ExecResult> {
    if (command.length === 0) throw new TypeError('exec : commande vide');
    const { stdin, timeoutMs, env } = options;
    // Docker reads stdout and stderr in two goroutines, so their order is lost; joining them
    // at the file descriptor level (2>&1) keeps the order a person would see.
    const joined = ['/bin/sh', '-c', 'exec "$@" 2>&1', 'dockyard-exec', ...command];
    // Docker cannot kill an exec: the sandbox's own `timeout` kills the command's whole
    // process group (coreutils, and busybox, have it).
    const inNode = timeoutMs === undefined ? joined : ['timeout', '-s', 'KILL', String(timeoutMs / 1000), ...joined];
    const cmd = [...ENTER_NODE, ...inNode];
    const collector = new OutputCollector(this.opts.maxOutputBytes);
    try {
      const exec = await this.docker.getContainer(id).exec({
        Cmd: cmd,
        AttachStdin: stdin !== undefined,
        AttachStdout: true,
        AttachStderr: true,
        Tty: false,
        Env: Object.entries(env ?? {}).map(([k, v]) => `${k}=${v}`),
      });
      const started = Date.now();
      const stream = await exec.start({ hijack: true, stdin: stdin !== undefined });
      stream.on('data', (chunk: Buffer) => collector.push(chunk));
      // Half-close: the command sees end of file once it has read everything.
      if (stdin !== undefined) stream.end(stdin);

      let timer: NodeJS.Timeout | undefined;
      const backstop = new Promise<'late'>((resolve) => {
        if (timeoutMs !== undefined) timer = setTimeout(() => resolve('late'), timeoutMs + TIMEOUT_BACKSTOP_MS);
      });
      const outcome = await Promise.race([streamFinished(stream).then(() => 'done' as const), backstop]);
      clearTimeout(timer);
      const what = `La commande ${command[0]}`;
      if (outcome === 'late') {
        stream.destroy();
        throw new RuntimeTimeoutError(what, timeoutMs ?? 0, collector.text());
      }
      const exitCode = await execExitCode(exec);
      if (exitCode === null) {
        await this.docker.getContainer(id).inspect(); // 404 here means the sandbox vanished
        throw new RuntimeError('engine_error', "Le moteur Docker n'a pas donné le code de sortie de la commande.");
      }
      // 137 = killed by SIGKILL: ours if the deadline had passed.
      if (timeoutMs !== undefined && exitCode === 137 && Date.now() - started >= timeoutMs) {
        throw new RuntimeTimeoutError(what, timeoutMs, collector.text());
      }
      return { exitCode, output: collector.text() };
    } catch (err) {
      throw toRuntimeError(err, id);
    }
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
    await this.disks.remove(info.Name.replace(/^\//, ''));
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

  /** Session networks and node disks whose sandboxes vanished while no server was running (a crash). */
  private async releaseLeftovers(): Promise<void> {
    const filters = { label: [`${SANDBOX_LABELS.managed}=true`, `${SANDBOX_LABELS.instance}=${this.opts.instance}`] };
    const networks = await this.docker.listNetworks({ filters });
    await this.releaseNetworks(networks.map((n) => n.Name));
    const containers = await this.docker.listContainers({ all: true, filters });
    await this.disks.removeAllBut(new Set(containers.flatMap((c) => c.Names.map((n) => n.replace(/^\//, '')))));
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
      return containers.map((c) => ({
        id: c.Id,
        sessionId: c.Labels[SANDBOX_LABELS.sessionId] ?? '',
        lab: c.Labels[SANDBOX_LABELS.lab] ?? '',
        node: c.Labels[SANDBOX_LABELS.node] ?? '',
        createdAt: new Date(c.Created * 1000),
      }));
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

  /** Polls the inner engine by exec until it answers; fails early if the container died. */
  private async waitUntilReady(id: string): Promise<void> {
    const deadline = Date.now() + this.opts.readyTimeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      try {
        const probe = await this.exec(id, ['docker', 'info', '--format', '{{.ServerVersion}}'], { timeoutMs: 5_000 });
        if (probe.exitCode === 0) return;
        last = probe.output.trim();
      } catch (err) {
        if (!(err instanceof RuntimeTimeoutError) && !(err instanceof RuntimeError && err.code === 'sandbox_not_running')) throw err;
        last = err.message;
      }
      const state = (await this.docker.getContainer(id).inspect()).State;
      if (!state.Running) {
        throw new SandboxStartError(`le conteneur s'est arrêté (code ${state.ExitCode}) : ${await this.logsTail(id)}`);
      }
      await sleep(100);
    }
    throw new SandboxStartError(
      `le moteur Docker interne ne répond pas après ${this.opts.readyTimeoutMs / 1000} s : ${last}\n${await this.logsTail(id)}`,
    );
  }

  /** Every node of the session learns the names of the others (and of the mirror). */
  private async publishHosts(network: string): Promise<void> {
    const run = (id: string, command: string[], stdin: string) => this.exec(id, command, { stdin, timeoutMs: 30_000 });
    await publishSessionHosts(this.docker, network, run).catch((err: unknown) =>
      this.opts.logger.warn('session names not published', { network, error: engineMessage(err) }),
    );
  }

  private async logsTail(id: string): Promise<string> {
    try {
      const logs = await this.docker.getContainer(id).logs({ stdout: true, stderr: true, tail: 20, follow: false });
      const collector = new OutputCollector(16 * 1024);
      collector.push(Buffer.isBuffer(logs) ? logs : Buffer.from(String(logs)));
      return collector.text();
    } catch {
      return '';
    }
  }

  private createError(err: unknown, spec: SandboxSpec, name: string, id: string | undefined): RuntimeError {
    if (err instanceof RuntimeError) return err;
    const status = statusOf(err);
    if (id === undefined && status === 404 && /image/i.test(engineMessage(err))) {
      return new ImageMissingError(spec.image, err);
    }
    if (id === undefined && status === 409) {
      return new RuntimeError('conflict', `Un bac à sable ${name} existe déjà pour ce nœud : détruisez-le d'abord.`, {
        detail: engineMessage(err),
        cause: err,
      });
    }
    return toRuntimeError(err, id);
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

function definedOnly(limits: SandboxLimits | undefined): SandboxLimits {
  return Object.fromEntries(Object.entries(limits ?? {}).filter(([, v]) => v !== undefined)) as SandboxLimits;
}
