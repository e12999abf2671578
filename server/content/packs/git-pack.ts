/**
 * A pack kept in a git repository. Each pull fetches into a bare mirror under the data folder,
 * unpacks a new commit into a folder of its own (versions/<commit>), runs content:check on it,
 * and only then makes it the current version: an invalid commit never reaches students, and
 * the previous version stays live with the errors kept for /admin. Versions are folders, never
 * changed once written, so a session can go on reading the one it started on.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { childProcessEnv } from '../../env';
import { checkContent } from '../check-content';
import type { ContentIssue } from '../content-issues';
import type { PackVersion } from './pack-registry';

const run = promisify(execFile);
/** A fetch over a slow link may take a while; a hung one must not block later pulls forever. */
const GIT_TIMEOUT_MS = 120_000;
/** Never ask for a password on a terminal nobody watches: fail, and say so on /admin. */
const GIT_ENV = childProcessEnv({ GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: 'true', LC_ALL: 'C' });
const COMMIT = /^[0-9a-f]{40}$/;

export type PullOutcome =
  | { status: 'unchanged'; version: string }
  | { status: 'updated'; version: string; issues: ContentIssue[] }
  /** The commit fails content:check: the pack stays on its previous version. */
  | { status: 'refused'; version: string; issues: ContentIssue[] }
  /** git itself failed (unreachable, unknown branch…). */
  | { status: 'failed'; message: string };

export class GitPack {
  private readonly repo: string;
  private readonly versionsDir: string;
  private readonly currentFile: string;

  constructor(
    readonly url: string,
    readonly branch: string | null,
    /** This pack's folder under the data folder: data/packs/<id>. */
    readonly dir: string,
  ) {
    this.repo = path.join(dir, 'repo.git');
    this.versionsDir = path.join(dir, 'versions');
    this.currentFile = path.join(dir, 'current');
  }

  /** The version last switched in, as kept on disk (so a restart without network still serves it). */
  async current(): Promise<PackVersion | null> {
    const version = (await readFile(this.currentFile, 'utf8').catch(() => '')).trim();
    if (!COMMIT.test(version)) return null;
    const root = this.folderOf(version);
    return (await exists(root)) ? { root, version } : null;
  }

  /** Every version unpacked here, by commit. */
  async versions(): Promise<Map<string, string>> {
    const names = await readdir(this.versionsDir).catch(() => []);
    return new Map(names.filter((name) => COMMIT.test(name)).map((name) => [name, this.folderOf(name)]));
  }

  async pull(): Promise<PullOutcome> {
    let commit: string;
    try {
      await this.fetch();
      commit = (await this.git('rev-parse', '--verify', '--end-of-options', `${this.branch ?? 'HEAD'}^{commit}`)).trim();
    } catch (error) {
      return { status: 'failed', message: gitMessage(error) };
    }
    if ((await this.current())?.version === commit) return { status: 'unchanged', version: commit };
    const root = await this.unpack(commit);
    const { issues } = await checkContent({ contentRoot: root });
    if (issues.errorCount > 0) {
      await rm(root, { recursive: true, force: true });
      return { status: 'refused', version: commit, issues: issues.all };
    }
    const next = `${this.currentFile}.${randomBytes(4).toString('hex')}`;
    await writeFile(next, `${commit}\n`);
    await rename(next, this.currentFile);
    return { status: 'updated', version: commit, issues: issues.all };
  }

  /** Removes unpacked versions nobody needs: not current, not in `keep` (running and paused sessions'). */
  async prune(keep: ReadonlySet<string>): Promise<void> {
    const current = (await this.current())?.version;
    for (const [version, folder] of await this.versions()) {
      if (version !== current && !keep.has(version)) await rm(folder, { recursive: true, force: true });
    }
  }

  private async fetch(): Promise<void> {
    if (await exists(this.repo)) {
      await this.git('fetch', '--quiet', '--prune', '--force', 'origin', '+refs/heads/*:refs/heads/*');
      return;
    }
    await mkdir(this.dir, { recursive: true });
    // Cloned aside then renamed: an interrupted clone never looks like a mirror.
    const partial = `${this.repo}.${randomBytes(4).toString('hex')}`;
    try {
      await run('git', ['clone', '--bare', '--quiet', '--', this.url, partial], { env: GIT_ENV, timeout: GIT_TIMEOUT_MS });
      await rename(partial, this.repo);
    } finally {
      await rm(partial, { recursive: true, force: true });
    }
  }

  /** The commit's files in versions/<commit>, written aside and renamed in whole. */
  private async unpack(commit: string): Promise<string> {
    const root = this.folderOf(commit);
    if (await exists(root)) return root;
    const partial = path.join(this.versionsDir, `.${commit}.${randomBytes(4).toString('hex')}`);
    await mkdir(partial, { recursive: true });
    try {
      await run('sh', ['-c', 'git --git-dir="$1" archive --format=tar "$2" | tar -x -C "$3"', 'sh', this.repo, commit, partial], {
        env: GIT_ENV,
        timeout: GIT_TIMEOUT_MS,
      });
      await rename(partial, root);
    } finally {
      await rm(partial, { recursive: true, force: true });
    }
    return root;
  }

  private folderOf(commit: string): string {
    return path.join(this.versionsDir, commit);
  }

  private async git(...args: string[]): Promise<string> {
    const { stdout } = await run('git', ['--git-dir', this.repo, ...args], { env: GIT_ENV, timeout: GIT_TIMEOUT_MS });
    return stdout;
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** git's own last line (« fatal: repository '…' not found »), for /admin. */
function gitMessage(error: unknown): string {
  const stderr = (error as { stderr?: string }).stderr?.trim();
  const last = stderr?.split('\n').filter(Boolean).pop();
  return last ?? (error instanceof Error ? error.message : String(error));
}
