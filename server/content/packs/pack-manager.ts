/**
 * Sets up the packs this server serves (DOCKYARD_CONTENT, then the ones admins added) and keeps
 * them current: folders are served as they are on disk, git packs are pulled every
 * DOCKYARD_CONTENT_PULL_MINUTES, from their webhook or from /admin, and switched in only when
 * valid (git-pack.ts). Every server of a cluster does this for itself: each serves from its
 * own disk, and admins' packs are read from the database on each round.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { PrismaClient } from '../../../generated/prisma/client';
import { NotFoundError } from '../../errors';
import { checkContent } from '../check-content';
import type { ContentIssue } from '../content-issues';
import { loadCourse } from '../course';
import { GitPack, type PullOutcome } from './git-pack';
import type { PackRegistry } from './pack-registry';
import { assertDistinct, describeSource, PackConfigError, parsePackSource, parsePackSources, type PackSource } from './pack-sources';

export interface PackIssue {
  severity: ContentIssue['severity'];
  /** Relative to the pack's folder. */
  file: string;
  line: number | null;
  message: string;
}

export interface PackStatus {
  id: string;
  kind: PackSource['kind'];
  location: string;
  /** env: DOCKYARD_CONTENT (changed by the operator); admin: added on /admin (removable there). */
  origin: 'env' | 'admin';
  title: string | null;
  /** served: students see it; unavailable: nothing valid to serve yet (see message and issues). */
  state: 'served' | 'unavailable';
  /** The commit served (git); null for a folder. */
  version: string | null;
  /** Last pull or check, ISO. */
  checkedAt: string | null;
  /** Last time a new version was switched in, ISO. */
  updatedAt: string | null;
  /** A commit refused by content:check: the pack stays on `version`. */
  refusedVersion: string | null;
  issues: PackIssue[];
  /** What went wrong outside the content (git unreachable, folder missing). */
  message: string | null;
}

export interface PackManagerDeps {
  registry: PackRegistry;
  prisma: PrismaClient;
  /** data/: git packs are mirrored and unpacked under data/packs/<name>. */
  dataDir: string;
  setting?: string;
  pullMinutes: number;
  /** The pull webhook's shared secret; none: the webhook is refused. */
  webhookSecret?: string;
  log: (message: string) => void;
}

interface ManagedPack {
  source: PackSource;
  origin: PackStatus['origin'];
  git: GitPack | null;
  status: PackStatus;
}

export class PackManager {
  private readonly packs = new Map<string, ManagedPack>();
  private timer: NodeJS.Timeout | undefined;
  /** One pull at a time per pack: a webhook during a scheduled pull waits for it. */
  private readonly pulling = new Map<string, Promise<PackStatus>>();

  constructor(private readonly deps: PackManagerDeps) {}

  /** Serves every configured pack; DOCKYARD_CONTENT's mistakes stop the server with their message. */
  async start(): Promise<void> {
    for (const source of parsePackSources(this.deps.setting)) await this.setUp(source, 'env');
    await this.syncAdded();
    if (this.deps.pullMinutes > 0) {
      this.timer = setInterval(() => void this.round(), this.deps.pullMinutes * 60_000);
      this.timer.unref();
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }

  statuses(): PackStatus[] {
    return [...this.packs.values()].map((pack) => pack.status);
  }

  /** Fetches a git pack now (webhook, /admin); a folder pack is checked again. */
  async pull(id: string): Promise<PackStatus> {
    const pack = this.packs.get(id);
    if (!pack) throw new NotFoundError(`Aucun paquet de contenu « ${id} ».`);
    const running = this.pulling.get(id);
    if (running) return running;
    const pulling = (pack.git ? this.pullGit(pack, pack.git) : this.checkFolder(pack)).finally(() => this.pulling.delete(id));
    this.pulling.set(id, pulling);
    return pulling;
  }

  /** An admin's pack: `location` is a folder or a git repository (`#branch`). */
  async add(id: string, location: string, addedBy: string): Promise<PackStatus> {
    const source = parsePackSource(location, id);
    assertDistinct([...[...this.packs.values()].map((pack) => pack.source), source]);
    await this.deps.prisma.contentPack.create({ data: { id, location, addedBy } });
    return (await this.setUp(source, 'admin')).status;
  }

  async remove(id: string): Promise<void> {
    const pack = this.packs.get(id);
    if (!pack) throw new NotFoundError(`Aucun paquet de contenu « ${id} ».`);
    if (pack.origin === 'env') {
      throw new PackConfigError(`Le paquet « ${id} » vient de DOCKYARD_CONTENT : retirez-le de ce réglage puis redémarrez Dockyard.`);
    }
    await this.deps.prisma.contentPack.deleteMany({ where: { id } });
    this.forget(id);
  }

  /**
   * Whether a webhook call knows the secret: as `Authorization: Bearer …` or GitLab's
   * X-Gitlab-Token, or as GitHub's and Gitea's HMAC-SHA256 of the body (X-Hub-Signature-256).
   */
  verifyWebhook(headers: Headers, body: string): boolean {
    const secret = this.deps.webhookSecret;
    if (!secret) return false;
    const same = (given: string | null | undefined, expected: string) =>
      given !== null && given !== undefined && given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
    const bearer = headers.get('authorization')?.replace(/^Bearer\s+/i, '');
    const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
    return same(bearer, secret) || same(headers.get('x-gitlab-token'), secret) || same(headers.get('x-hub-signature-256'), signature);
  }

  /** What a save in authoring mode found (server/content/authoring): shown on /admin too. */
  setIssues(id: string, issues: ContentIssue[]): void {
    const pack = this.packs.get(id);
    if (pack) pack.status = { ...pack.status, issues: this.relative(pack, issues), checkedAt: new Date().toISOString() };
  }

  private async round(): Promise<void> {
    await this.syncAdded().catch((error: unknown) => this.deps.log(`paquets ajoutés sur /admin illisibles : ${String(error)}`));
    for (const pack of this.packs.values()) if (pack.git) await this.pull(pack.source.id);
  }

  /** Admins' packs as the database has them now (another server may have added or removed one). */
  private async syncAdded(): Promise<void> {
    const rows = await this.deps.prisma.contentPack.findMany({ orderBy: { createdAt: 'asc' } });
    for (const pack of this.packs.values()) {
      if (pack.origin === 'admin' && !rows.some((row) => row.id === pack.source.id)) this.forget(pack.source.id);
    }
    for (const row of rows) {
      if (this.packs.has(row.id)) continue;
      try {
        const source = parsePackSource(row.location, row.id);
        assertDistinct([...[...this.packs.values()].map((pack) => pack.source), source]);
        await this.setUp(source, 'admin');
      } catch (error) {
        this.deps.log(`paquet « ${row.id} » ajouté sur /admin ignoré : ${(error as Error).message}`);
      }
    }
  }

  private async setUp(source: PackSource, origin: PackStatus['origin']): Promise<ManagedPack> {
    // Absolute: versions' folders become the registry's roots, and content paths are checked to
    // stay inside them (DOCKYARD_DATA_DIR may be relative: its default is data).
    const git = source.kind === 'git' ? new GitPack(source.url, source.branch, path.resolve(this.deps.dataDir, 'packs', source.id)) : null;
    const pack: ManagedPack = {
      source,
      origin,
      git,
      status: {
        id: source.id,
        kind: source.kind,
        location: describeSource(source),
        origin,
        title: null,
        state: 'unavailable',
        version: null,
        checkedAt: null,
        updatedAt: null,
        refusedVersion: null,
        issues: [],
        message: null,
      },
    };
    this.packs.set(source.id, pack);
    if (!git) {
      await this.checkFolder(pack);
      return pack;
    }
    // What was served before a restart is served at once; the pull then brings it up to date
    // (awaited only when there is nothing yet, so that the first start serves the pack).
    const current = await git.current();
    if (current) {
      await this.serve(pack, current.root, current.version);
      void this.pull(source.id);
    } else {
      await this.pull(source.id);
    }
    return pack;
  }

  private async checkFolder(pack: ManagedPack): Promise<PackStatus> {
    if (pack.source.kind !== 'folder') return pack.status;
    const folder = pack.source.folder;
    const checkedAt = new Date().toISOString();
    if (!(await stat(path.join(folder, 'course.json')).then(() => true, () => false))) {
      this.deps.registry.remove(pack.source.id);
      const message = `Dossier sans course.json : ${folder}. Un paquet a la forme de content/ (course.json, lessons/, labs/).`;
      this.deps.log(`paquet « ${pack.source.id} » : ${message}`);
      return (pack.status = { ...pack.status, state: 'unavailable', checkedAt, message });
    }
    // A folder is served even with errors: its author sees each one where it is (authoring
    // mode, the lab's page), and the rest of the pack works meanwhile.
    const { issues } = await checkContent({ contentRoot: folder });
    if (issues.errorCount > 0) this.deps.log(`paquet « ${pack.source.id} » : ${issues.errorCount} erreur(s) de contenu (voir /admin)`);
    pack.status = { ...pack.status, checkedAt, issues: this.relative(pack, issues.all, folder), message: null };
    await this.serve(pack, folder, null);
    return pack.status;
  }

  private async pullGit(pack: ManagedPack, git: GitPack): Promise<PackStatus> {
    const outcome = await git.pull();
    const checkedAt = new Date().toISOString();
    this.deps.log(`paquet « ${pack.source.id} » : ${describeOutcome(outcome)}`);
    if (outcome.status === 'failed') return (pack.status = { ...pack.status, checkedAt, message: outcome.message });
    if (outcome.status === 'refused') {
      const root = path.join(git.dir, 'versions', outcome.version);
      return (pack.status = { ...pack.status, checkedAt, refusedVersion: outcome.version, issues: this.relative(pack, outcome.issues, root), message: null });
    }
    pack.status = { ...pack.status, checkedAt, refusedVersion: null, message: null };
    if (outcome.status === 'updated') {
      const root = path.join(git.dir, 'versions', outcome.version);
      pack.status.issues = this.relative(pack, outcome.issues, root);
      pack.status.updatedAt = checkedAt;
      // Pruned first: the registry must not offer a version whose folder is gone.
      await git.prune(await this.versionsInUse());
      await this.serve(pack, root, outcome.version);
    }
    return pack.status;
  }

  /** Switches the registry to this version, keeping the earlier ones still on disk for their sessions. */
  private async serve(pack: ManagedPack, root: string, version: string | null): Promise<void> {
    const earlier = pack.git ? await pack.git.versions() : new Map<string, string>();
    if (version) earlier.delete(version);
    this.deps.registry.serve({ id: pack.source.id, root, version, earlier });
    const title = await loadCourse({ contentRoot: root }).then((course) => course.title, () => null);
    pack.status = { ...pack.status, state: 'served', version, title };
  }

  private forget(id: string): void {
    this.packs.delete(id);
    this.deps.registry.remove(id);
  }

  /** Versions running or paused sessions started on: never removed under them. */
  private async versionsInUse(): Promise<Set<string>> {
    const rows = await this.deps.prisma.labSession.findMany({
      where: { state: { in: ['running', 'paused'] }, contentVersion: { not: null } },
      select: { contentVersion: true },
      distinct: ['contentVersion'],
    });
    return new Set(rows.flatMap((row) => (row.contentVersion ? [row.contentVersion] : [])));
  }

  private relative(pack: ManagedPack, issues: ContentIssue[], root = this.deps.registry.get(pack.source.id)?.root ?? ''): PackIssue[] {
    return issues.map((issue) => ({
      severity: issue.severity,
      file: path.relative(root, issue.file) || issue.file,
      line: issue.line ?? null,
      message: issue.message,
    }));
  }
}

function describeOutcome(outcome: PullOutcome): string {
  switch (outcome.status) {
    case 'unchanged':
      return `à jour (${outcome.version.slice(0, 10)})`;
    case 'updated':
      return `nouvelle version ${outcome.version.slice(0, 10)} en service`;
    case 'refused':
      return `version ${outcome.version.slice(0, 10)} refusée (${outcome.issues.filter((issue) => issue.severity === 'error').length} erreur(s)) : la précédente reste en service`;
    case 'failed':
      return `mise à jour impossible : ${outcome.message}`;
  }
}
