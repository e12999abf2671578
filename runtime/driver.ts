import type { Duplex } from 'node:stream';

/**
 * The one interface every sandbox driver implements. Nothing outside runtime/ may know
 * which driver runs: Incus system containers today (runtime/incus), a microVM driver later.
 */

/** Labels every sandbox carries, so a reaper can find it even after a crash. */
export const SANDBOX_LABELS = {
  managed: 'dockyard.managed',
  /** Which Dockyard made it: several (a server, its e2e tests) may share one engine. */
  instance: 'dockyard.instance',
  sessionId: 'dockyard.session',
  lab: 'dockyard.lab',
  node: 'dockyard.node',
} as const;

export interface SandboxSpec {
  /** Database id of the lab session that owns this sandbox. */
  sessionId: string;
  /** Lab slug, recorded as a label for operators. */
  lab: string;
  /** Image of the node, e.g. `dockyard/node:latest`. */
  image: string;
  /** Node name, also the hostname seen in the shell prompt. */
  node: string;
  /**
   * Other names the node answers to inside its session (Killercoda's `controlplane`,
   * `node01`, `host01`…), so that scenarios written for them run unchanged.
   */
  aliases?: string[];
  /**
   * Every name of the session's nodes (theirs and their aliases), known before they all join:
   * what the node's tools must reach directly, never through a proxy.
   */
  sessionNames?: string[];
  limits?: SandboxLimits;
}

export interface SandboxLimits {
  memoryMiB?: number;
  cpus?: number;
  pids?: number;
  /** Size of the node's own disk (its files and its Docker engine's data). */
  diskGiB?: number;
}

export interface SandboxRef {
  /** Driver-specific id (the instance name for Incus). */
  id: string;
  sessionId: string;
  lab: string;
  node: string;
  createdAt: Date;
  status: SandboxStatus;
  /** The runtime machine it runs on (a cluster member, or the only one), when the driver knows it. */
  machine?: string;
}

/**
 * running; stopped (or gone); unreachable: its machine does not answer right now, but is not
 * declared down (yet); machine-down: its machine is declared down; maintenance: its machine
 * was emptied for maintenance (the sandbox is stopped there).
 */
export type SandboxStatus = 'running' | 'stopped' | 'unreachable' | 'machine-down' | 'maintenance';

/** A machine that runs sandboxes: the only one, or a member of the runtime cluster. */
export interface RuntimeMachine {
  name: string;
  /** online: takes new sandboxes; down: does not answer; maintenance: emptied on purpose. */
  state: 'online' | 'down' | 'maintenance';
}

export interface ShellSize {
  cols: number;
  rows: number;
}

/** An interactive shell with a TTY, shaped after what a web terminal needs. */
export interface Shell {
  write(data: string): void;
  resize(size: ShellSize): Promise<void>;
  onData(listener: (chunk: string) => void): void;
  onExit(listener: (code: number | null) => void): void;
  /** Stops reading output (the shell then blocks on a full TTY): a slow browser sets the pace. */
  pause(): void;
  resume(): void;
  /** Ends the shell itself: the next attach starts a new one. */
  kill(): void;
  /**
   * Lets go of the shell without ending it (the server stops, or nobody has looked at it for
   * a while): it goes on in the sandbox, and the next attach finds it again, screen and all.
   */
  detach(): void;
}

export interface ExecResult {
  exitCode: number;
  /** stdout and stderr interleaved, as a person would see them. */
  output: string;
  /** Standard error alone, when asked for with `keepStderr` (its lines are in `output` too). */
  stderr?: string;
}

/** Where the server reaches a TCP port inside a sandbox (port preview). */
export interface SandboxEndpoint {
  host: string;
  port: number;
}

export interface ExecOptions {
  /** Text given on standard input (e.g. a check script). */
  stdin?: string;
  timeoutMs?: number;
  env?: Record<string, string>;
  /**
   * Also return standard error alone (`ExecResult.stderr`), e.g. to report what a setup
   * script complained about although it exited 0. `output` then holds both streams in the
   * order they reached the server, which may differ slightly from the order they were written.
   */
  keepStderr?: boolean;
}

export interface SandboxDriver {
  readonly name: string;
  /** Makes sure the driver's shared infrastructure (network, image registry) is up. Idempotent. */
  prepare(): Promise<void>;
  /** Creates and starts a sandbox; resolves once its shell and inner engine answer. */
  create(spec: SandboxSpec): Promise<SandboxRef>;
  attachShell(id: string, size: ShellSize): Promise<Shell>;
  exec(id: string, command: string[], options?: ExecOptions): Promise<ExecResult>;
  destroy(id: string): Promise<void>;
  /**
   * Every sandbox this Dockyard instance manages, whatever state it is in; with those on a
   * machine that does not answer, whose labels cannot be read (empty sessionId, lab and node).
   */
  list(): Promise<SandboxRef[]>;
  /** True if the sandbox exists and is running. */
  isRunning(id: string): Promise<boolean>;
  /** Where the sandbox stands ('stopped' also when it does not exist). */
  status(id: string): Promise<SandboxStatus>;
  /** The machines that run sandboxes, and whether each takes new ones (capacity counts the online ones). */
  machines(): Promise<RuntimeMachine[]>;
  /** The address of `port` inside a running sandbox, as the sandbox itself names it (port preview). */
  endpoint(id: string, port: number): Promise<SandboxEndpoint>;
  /**
   * A stream to `port` inside a running sandbox, wherever it runs: the server needs no route
   * to the sandbox (port preview). A refused connection comes as the stream's error, with the
   * code a socket would have (ECONNREFUSED…).
   */
  connect(id: string, port: number): Promise<Duplex>;
  /**
   * Stops a sandbox and keeps everything on its disk (files, images, volumes, containers,
   * swarm state) until resume() or destroy(). Its engine stops first, as at a shutdown:
   * containers with a restart policy run again on resume, the others stay stopped.
   * Resolves to what its disk holds beyond its image (snapshots not counted; 0 if unknown).
   */
  pause(id: string): Promise<{ addedBytes: number }>;
  /** Starts a paused sandbox; resolves once its engine answers and its shell is back in the student's last directory. */
  resume(id: string): Promise<void>;
  /** Keeps the sandbox's disk as it is now under `label` (letters, digits, dashes), replacing one of that label. */
  snapshot(id: string, label: string): Promise<void>;
  /** Puts the sandbox back as it was at `label`: what it holds now is lost; it restarts as resume() does. */
  restore(id: string, label: string): Promise<void>;
  /** Forgets the snapshot `label` (nothing happens when there is none). */
  deleteSnapshot(id: string, label: string): Promise<void>;
  /** At shutdown: stops background work and removes spare nodes; sessions' sandboxes stay. */
  stop(): Promise<void>;
  /**
   * Called on the one server that keeps the spare nodes from now on (it holds the pool's
   * lease; alone, at start-up): it removes what an earlier keeper left, then fills the pool.
   * Drivers without spares need not have it.
   */
  keepSpares?(): Promise<void>;
  /** Spare nodes ready now, per image (the warm pool; drivers without spares need not have it). */
  spares?(): Record<string, number>;
}
