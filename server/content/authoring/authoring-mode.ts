/**
 * Authoring mode (`./dockyard author <dossier>`, DOCKYARD_AUTHORING): every folder pack is
 * watched; each save checks the pack again (content:check), prints the report in the terminal,
 * gives the issues to the pack manager (for /admin) and tells open pages through socket.io's
 * AUTHORING_NAMESPACE, whose client (app/_components/authoring-watch.tsx) reloads the page or
 * shows the errors. Pages read content per request, and sessions read their lab on each check,
 * so nothing else needs to be told: a running lab gets its new step texts and check scripts
 * without restarting its machines.
 */
import path from 'node:path';
import type { Server } from 'socket.io';
import { checkContent, type ContentCheckReport } from '../check-content';
import type { ContentIssue } from '../content-issues';
import { formatContentReport } from '../format-issues';
import { AUTHORING_EVENTS, AUTHORING_NAMESPACE, type AuthoringIssue, type AuthoringReport } from './authoring-events';
import type { WatchFolder } from './folder-watch';
import { PackWatcher, type WatchedPack } from './pack-watcher';

export interface AuthoringDeps {
  /** The folder packs to watch (folderPacks below): never the built-in course, never a git pack's copy. */
  packs: WatchedPack[];
  /** The terminal gateway's socket.io server: authoring has a namespace of its own on it. */
  io: Pick<Server, 'of'>;
  /** The pack manager's: what /admin shows for the pack. */
  setIssues: (packId: string, issues: ContentIssue[]) => void;
  check?: (root: string) => Promise<ContentCheckReport>;
  /** The terminal the author started Dockyard from. */
  print?: (text: string) => void;
  now?: () => Date;
  debounceMs?: number;
  watchFolder?: WatchFolder;
  log?: (message: string) => void;
}

/** The packs of the pack manager that are folders on this disk. */
export function folderPacks(statuses: ReadonlyArray<{ id: string; kind: 'folder' | 'git'; location: string }>): WatchedPack[] {
  return statuses.filter((status) => status.kind === 'folder').map((status) => ({ id: status.id, root: status.location }));
}

export function toAuthoringIssues(root: string, issues: readonly ContentIssue[]): AuthoringIssue[] {
  return issues.map((issue) => ({
    severity: issue.severity,
    file: path.relative(root, issue.file) || issue.file,
    line: issue.line ?? null,
    message: issue.message,
  }));
}

export class AuthoringMode {
  private readonly reports = new Map<string, AuthoringReport>();
  private readonly watcher: PackWatcher;
  private readonly check: (root: string) => Promise<ContentCheckReport>;
  private readonly print: (text: string) => void;
  private readonly now: () => Date;

  constructor(private readonly deps: AuthoringDeps) {
    this.check = deps.check ?? ((root) => checkContent({ contentRoot: root }));
    this.print = deps.print ?? ((text) => console.log(text));
    this.now = deps.now ?? (() => new Date());
    this.watcher = new PackWatcher({
      packs: deps.packs,
      onSave: (pack, files) => this.checkPack(pack, files, true),
      debounceMs: deps.debounceMs,
      watchFolder: deps.watchFolder,
      log: deps.log,
    });
  }

  /** Checks every pack once (the author sees where things stand), then watches them. */
  async start(): Promise<void> {
    // A page that connects (or reconnects after a restart) learns the errors it must show.
    this.deps.io.of(AUTHORING_NAMESPACE).on('connection', (socket) => socket.emit(AUTHORING_EVENTS.state, this.current()));
    for (const pack of this.deps.packs) {
      this.deps.log?.(`mode auteur : paquet « ${pack.id} » surveillé (${pack.root})`);
      await this.checkPack(pack, [], false).catch((error: unknown) => this.deps.log?.(`paquet « ${pack.id} » : vérification impossible (${(error as Error).message})`));
    }
    this.watcher.start();
  }

  stop(): void {
    this.watcher.stop();
  }

  /** Every watched pack's last check. */
  current(): AuthoringReport[] {
    return [...this.reports.values()];
  }

  /** Resolves once the checks of saves already seen are over. */
  settled(): Promise<void> {
    return this.watcher.settled();
  }

  /** `announce`: a save, which open pages hear of (not the check at start-up). */
  private async checkPack(pack: WatchedPack, files: string[], announce: boolean): Promise<void> {
    const started = performance.now();
    const report = await this.check(pack.root);
    const saved = files.length > 0 ? ` — enregistré : ${files.join(', ')}` : '';
    this.print(`\n[dockyard] paquet « ${pack.id} » (${pack.root})${saved}\n${formatContentReport(report, performance.now() - started)}`);
    this.deps.setIssues(pack.id, report.issues.all);
    const current: AuthoringReport = { pack: pack.id, issues: toAuthoringIssues(pack.root, report.issues.all), changedAt: this.now().toISOString() };
    this.reports.set(pack.id, current);
    if (announce) this.deps.io.of(AUTHORING_NAMESPACE).emit(AUTHORING_EVENTS.change, current);
  }
}
