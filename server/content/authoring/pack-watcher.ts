/**
 * Watches pack folders while an author edits them: a burst of saves (an editor writes a temp
 * file, renames it, touches the folder; a `git checkout` rewrites dozens of files) becomes one
 * call of `onSave`, once the folder has been quiet for `debounceMs`. Saves made while that
 * call runs lead to one more call after it, never to two at once for one pack.
 */
import { isIgnoredPath, watchFolderTree, type WatchFolder } from './folder-watch';

export interface WatchedPack {
  id: string;
  root: string;
}

export interface PackWatcherDeps {
  packs: WatchedPack[];
  /** After a burst of saves in a pack: `files`, relative to its folder, those the burst touched. */
  onSave: (pack: WatchedPack, files: string[]) => Promise<void>;
  debounceMs?: number;
  /** A watch that failed (folder removed, too many watches) is tried again after this. */
  retryMs?: number;
  watchFolder?: WatchFolder;
  log?: (message: string) => void;
}

interface PackState {
  pack: WatchedPack;
  changed: Set<string>;
  timer: NodeJS.Timeout | undefined;
  running: Promise<void> | undefined;
  /** Saves came in while `running` ran: check once more after it. */
  again: boolean;
  watch: { close(): void } | undefined;
  retry: NodeJS.Timeout | undefined;
  /** The watch failed and is being tried again (said once, not every retry). */
  failing: boolean;
}

export class PackWatcher {
  private readonly states: PackState[];
  private readonly debounceMs: number;
  private readonly retryMs: number;
  private readonly watchFolder: WatchFolder;
  private stopped = false;

  constructor(private readonly deps: PackWatcherDeps) {
    this.debounceMs = deps.debounceMs ?? 200;
    this.retryMs = deps.retryMs ?? 2000;
    this.watchFolder = deps.watchFolder ?? watchFolderTree;
    this.states = deps.packs.map((pack) => ({ pack, changed: new Set(), timer: undefined, running: undefined, again: false, watch: undefined, retry: undefined, failing: false }));
  }

  start(): void {
    for (const state of this.states) this.watch(state);
  }

  stop(): void {
    this.stopped = true;
    for (const state of this.states) {
      clearTimeout(state.timer);
      clearTimeout(state.retry);
      state.watch?.close();
    }
  }

  /** Resolves once every pending and running `onSave` is over (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.states.some((state) => state.running || state.timer)) {
      await Promise.all(this.states.map((state) => state.running));
      if (this.states.some((state) => state.timer)) await new Promise((resolve) => setTimeout(resolve, this.debounceMs));
    }
  }

  private watch(state: PackState): void {
    try {
      state.watch = this.watchFolder(state.pack.root, (file) => this.saved(state, file), (error) => this.failed(state, error));
    } catch (error) {
      this.failed(state, error as Error);
    }
  }

  private failed(state: PackState, error: Error): void {
    state.watch?.close();
    state.watch = undefined;
    if (this.stopped) return;
    if (!state.failing) {
      this.deps.log?.(`paquet « ${state.pack.id} » : surveillance de ${state.pack.root} interrompue (${error.message}), nouvel essai toutes les ${this.retryMs / 1000} s`);
    }
    state.failing = true;
    state.retry = setTimeout(() => {
      this.watch(state);
      if (!state.watch) return;
      state.failing = false;
      this.deps.log?.(`paquet « ${state.pack.id} » : surveillance de ${state.pack.root} reprise`);
      // What changed meanwhile is checked once the folder is watched again.
      this.saved(state, '');
    }, this.retryMs);
    state.retry.unref();
  }

  private saved(state: PackState, file: string): void {
    if (this.stopped || (file !== '' && isIgnoredPath(file))) return;
    if (file !== '') state.changed.add(file);
    clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      state.timer = undefined;
      this.run(state);
    }, this.debounceMs);
  }

  private run(state: PackState): void {
    if (state.running) {
      // The running check may have read the files before this save.
      state.again = true;
      return;
    }
    const files = [...state.changed].sort();
    state.changed.clear();
    state.running = this.deps
      .onSave(state.pack, files)
      .catch((error: unknown) => this.deps.log?.(`paquet « ${state.pack.id} » : vérification impossible (${(error as Error).message})`))
      .finally(() => {
        state.running = undefined;
        if (state.again && !this.stopped) {
          state.again = false;
          this.run(state);
        }
      });
  }
}
