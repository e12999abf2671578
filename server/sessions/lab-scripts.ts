/**
 * Killercoda's scripts in a running session. When the session starts, the lab's assets are
 * copied into its machines and the introduction starts; a step starts when the student first
 * opens it. Starting a page runs its background script on the first machine, after the
 * session's earlier background scripts (a step may rely on what the introduction prepared),
 * and types its foreground script into that machine's terminal, as Killercoda does.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ExecResult, SandboxDriver } from '../../runtime/driver';
import { RuntimeTimeoutError } from '../../runtime/errors';

/**
 * How a lab's scripts run in a node (background, check, solution): bash reading the script on
 * its standard input, as a login shell, so that they see what the student's shell sees
 * (/etc/profile.d: the egress proxy when the operator turned the internet on).
 */
export const LAB_SCRIPT_COMMAND = ['bash', '-l', '-s'];

export interface PageScriptsSpec {
  background?: string | null;
  foreground?: string | null;
}

export interface AssetSpec {
  node: string;
  /** The file on the server. */
  source: string;
  /** Folder in the machine; `~` is root's home. */
  target: string;
  chmod: string | null;
}

/** One background script that ran, as lab:test and the logs report it. */
export interface BackgroundRun {
  page: string;
  exitCode: number;
  output: string;
  /**
   * The lines it wrote to standard error, even when it exited 0: a setup script whose
   * `podman` was « command not found » goes on and leaves the lab unprepared (lab:test
   * reports them). Empty when it was stopped by its deadline.
   */
  stderr: string[];
}

/** Where a session's shells are: the sandbox of each node, by name. */
export interface SessionMachines {
  sessionId: string;
  sandboxes: ReadonlyMap<string, string>;
  /** The lab's first machine: Killercoda's host01, where page scripts run. */
  firstNode: string;
}

export interface LabScriptsDeps {
  driver: SandboxDriver;
  /** Types into a node's terminal (the shell hub); without it foreground scripts are not run (lab:test). */
  typeIntoTerminal?: (target: { sessionId: string; node: string; sandboxId: string }, text: string) => Promise<void>;
  backgroundTimeoutMs?: number;
  log?: (message: string) => void;
}

const DEFAULT_BACKGROUND_TIMEOUT_MS = 5 * 60_000;
/** Writes stdin (base64, so any file survives the trip) to "$1/$2", then applies chmod "$3". */
const COPY_ASSET = 'mkdir -p "$1" && base64 -d > "$1/$2" && if [ -n "$3" ]; then chmod "$3" "$1/$2"; fi';

export class LabScripts {
  /** Each session's background scripts, chained so they run one after the other. */
  private readonly backgrounds = new Map<string, Promise<BackgroundRun[]>>();

  constructor(private readonly deps: LabScriptsDeps) {}

  /** Copies each asset into its machine (a failure fails the session's start: the lab would be broken). */
  async copyAssets(machines: SessionMachines, assets: readonly AssetSpec[]): Promise<void> {
    for (const asset of assets) {
      const sandboxId = machines.sandboxes.get(asset.node);
      if (!sandboxId) throw new Error(`Le lab copie un fichier sur « ${asset.node} », qui n'est pas une de ses machines.`);
      const content = (await readFile(asset.source)).toString('base64');
      const target = asset.target.replace(/^~(?=\/|$)/, '/root');
      const copied = await this.deps.driver.exec(
        sandboxId,
        ['/bin/sh', '-c', COPY_ASSET, 'dockyard-asset', target, path.basename(asset.source), asset.chmod ?? ''],
        { stdin: content, timeoutMs: 30_000 },
      );
      if (copied.exitCode !== 0) {
        throw new Error(`Copie de ${path.basename(asset.source)} dans ${asset.target} sur ${asset.node} impossible : ${copied.output.trim()}`);
      }
    }
  }

  /** Starts a page: its background script is queued, its foreground script typed now. */
  startPage(machines: SessionMachines, page: string, scripts: PageScriptsSpec): void {
    const sandboxId = machines.sandboxes.get(machines.firstNode);
    if (!sandboxId) return;
    const { background, foreground } = scripts;
    if (background) {
      const previous = this.backgrounds.get(machines.sessionId) ?? Promise.resolve([]);
      this.backgrounds.set(
        machines.sessionId,
        previous.then(async (runs) => [...runs, await this.runBackground(machines.sessionId, sandboxId, page, background)]),
      );
    }
    if (foreground && this.deps.typeIntoTerminal) {
      const text = foreground.endsWith('\n') ? foreground : `${foreground}\n`;
      this.deps
        .typeIntoTerminal({ sessionId: machines.sessionId, node: machines.firstNode, sandboxId }, text)
        .catch((error: unknown) => this.deps.log?.(`script de premier plan (${page}) non tapé : ${(error as Error).message}`));
    }
  }

  /** Every background script the session has run so far, once those queued have finished. */
  settled(sessionId: string): Promise<BackgroundRun[]> {
    return this.backgrounds.get(sessionId) ?? Promise.resolve([]);
  }

  forget(sessionId: string): void {
    this.backgrounds.delete(sessionId);
  }

  /** Never rejects: a failing background script is the lab's problem, reported, not the session's. */
  private async runBackground(sessionId: string, sandboxId: string, page: string, script: string): Promise<BackgroundRun> {
    let result: ExecResult;
    try {
      result = await this.deps.driver.exec(sandboxId, LAB_SCRIPT_COMMAND, {
        stdin: script,
        timeoutMs: this.deps.backgroundTimeoutMs ?? DEFAULT_BACKGROUND_TIMEOUT_MS,
        keepStderr: true,
      });
    } catch (error) {
      const partial = error instanceof RuntimeTimeoutError ? `${error.partialOutput}\n` : '';
      result = { exitCode: -1, output: `${partial}${(error as Error).message}` };
    }
    const stderr = stderrLines(result.stderr ?? '');
    const missing = stderr.filter(isMissingCommand);
    if (result.exitCode !== 0) {
      this.deps.log?.(`script d'arrière-plan (${page}) de la session ${sessionId} : code ${result.exitCode}\n${result.output.trim()}`);
    } else if (missing.length > 0) {
      this.deps.log?.(`script d'arrière-plan (${page}) de la session ${sessionId} : commande absente\n${missing.join('\n')}`);
    }
    return { page, exitCode: result.exitCode, output: result.output, stderr };
  }
}

/**
 * A line in which bash (or sudo, env, xargs, timeout, nohup…) says a command does not exist
 * on the machine: the script went on without it, so the lab is not as its author meant.
 */
export function isMissingCommand(line: string): boolean {
  return /: command not found$/.test(line) || /(?:failed to run command|unable to run) .*: No such file or directory$/.test(line) || /^(?:env|xargs|sudo): .*: No such file or directory$/.test(line);
}

/** Non-empty lines, without the carriage returns of progress bars redrawn in place. */
function stderrLines(stderr: string): string[] {
  return stderr
    .split('\n')
    .map((line) => (line.split('\r').filter((part) => part.trim()).at(-1) ?? '').trimEnd())
    .filter((line) => line.trim() !== '');
}
