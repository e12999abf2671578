/**
 * Labs that last (pause, resume, back to a step), with what Incus already does: a paused
 * node is a stopped instance (its disk kept as it is), a step is an instance snapshot (a
 * btrfs snapshot: instant, and it takes space only as the node changes afterwards), going
 * back is Incus's restore. What Dockyard adds is the node's side: its engine stops as at a
 * shutdown before the node does (so containers with a restart policy come back with it, the
 * others stay stopped as after a reboot), and the student's directory is kept for the next shell.
 */
import type { ExecOptions, ExecResult } from '../driver';
import { SandboxStartError } from '../errors';
import type { IncusClient } from './incus-client';
import { incusMessage, isNotFound } from './incus-errors';

type Exec = (name: string, command: string[], options: ExecOptions) => Promise<ExecResult>;

/**
 * Run in the node before it stops: the shell's directory, for join-session.sh's next shell;
 * then the engine, which stops its containers (10 s each at most) and remembers which to
 * restart; last, what the node's disk holds beyond its image (the image's own size was
 * written at its build), on a line of its own. Measured inside: Incus's figure comes from
 * btrfs quota groups, which it cannot always trust (seen here: 16 KiB for a node holding 50 MB).
 */
const BEFORE_STOP = `mkdir -p /var/lib/dockyard
tmux display-message -p -t dockyard '#{pane_current_path}' >/var/lib/dockyard/cwd 2>/dev/null || rm -f /var/lib/dockyard/cwd
service docker stop
used=$(du -skx / 2>/dev/null | cut -f1)
base=$(cat /usr/local/share/dockyard/image-kib 2>/dev/null || echo 0)
echo "dockyard-added-kib $(( \${used:-0} > base ? \${used:-0} - base : 0 ))"`;
const ADDED = /^dockyard-added-kib (\d+)$/m;

export interface NodePersistenceDeps {
  client: IncusClient;
  exec: Exec;
  /** Once the node runs again: its engine answers and it has joined its session (name, shell). */
  rejoin: (name: string) => Promise<void>;
  /** How long a node may take to come back (its engine included). */
  readyTimeoutMs: number;
}

/** Tries of a start or stop while Incus ends another operation on the node, every 0.5 s. */
const BUSY_ATTEMPTS = 120;

/** Snapshot names are Incus's: letters, digits and dashes keep them valid everywhere. */
const SNAPSHOT_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** A caller's mistake, said before anything is asked of Incus. */
export function checkSnapshotLabel(label: string): void {
  if (!SNAPSHOT_NAME.test(label)) throw new TypeError(`Nom d’instantané invalide : ${label}`);
}

export class NodePersistence {
  constructor(private readonly deps: NodePersistenceDeps) {}

  /** Resolves to the bytes the node holds beyond its image (0 when it could not say). */
  async pause(name: string): Promise<number> {
    const prepared = await this.deps.exec(name, ['bash', '-c', BEFORE_STOP], { timeoutMs: 120_000 }).catch((err: unknown) => ({
      exitCode: -1,
      output: incusMessage(err),
    }));
    // The node stops anyway: a node whose engine would not stop is what the student left.
    await this.setState(name, 'stop', prepared.exitCode === 0);
    return Number(ADDED.exec(prepared.output)?.[1] ?? 0) * 1024;
  }

  async resume(name: string): Promise<void> {
    await this.setState(name, 'start', false);
    await this.cameBack(name);
  }

  /** Keeps the node's disk as it is now as `label`, replacing an earlier one of that label. */
  async snapshot(name: string, label: string): Promise<void> {
    await this.deleteSnapshot(name, label);
    await this.deps.client.run('POST', `/1.0/instances/${name}/snapshots`, { name: label, stateful: false });
  }

  async deleteSnapshot(name: string, label: string): Promise<void> {
    await this.deps.client.run('DELETE', `/1.0/instances/${name}/snapshots/${label}`).catch((err: unknown) => {
      if (!isNotFound(err)) throw err;
    });
  }

  /** The node as it was at `label`: stopped at once (what it holds now is thrown away), restored, started. */
  async restore(name: string, label: string): Promise<void> {
    await this.setState(name, 'stop', false);
    await this.deps.client.run('PUT', `/1.0/instances/${name}`, { restore: label });
    await this.setState(name, 'start', false);
    await this.cameBack(name);
  }

  private async setState(name: string, action: 'start' | 'stop', graceful: boolean): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.deps.client.run('PUT', `/1.0/instances/${name}/state`, { action, force: !graceful, timeout: graceful ? 30 : -1 });
        return;
      } catch (err) {
        const message = incusMessage(err);
        // Already in that state: a second click, or the node's own doing.
        if (/already (running|stopped)|not running|is running/i.test(message)) return;
        // Incus still finishing another operation on it (a move's clean-up on the old member).
        if (!/is busy running/i.test(message) || attempt >= BUSY_ATTEMPTS) throw err;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  /**
   * The engine (which restarts the containers that have a restart policy before it answers)
   * and the join (names, sshd, the student's shell) at the same time: neither needs the other,
   * the node's address is set by Incus at boot.
   */
  private async cameBack(name: string): Promise<void> {
    const engine = this.deps.exec(name, ['start-dockerd'], { timeoutMs: this.deps.readyTimeoutMs }).then((ready) => {
      // 3: the engine runs on Dockyard's configuration (the student's daemon.json is broken): the node is usable.
      if (ready.exitCode !== 0 && ready.exitCode !== 3) throw new SandboxStartError(ready.output);
    });
    await Promise.all([engine, this.deps.rejoin(name)]);
  }
}
