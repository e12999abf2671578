/**
 * A folder and everything under it, watched for saves: one inotify watch per folder, added as
 * folders appear. Not Node 20's `fs.watch(…, { recursive: true })` on Linux: it watches each
 * file's inode, so a file saved by renaming a new copy over it (`sed -i`, editors' « safe
 * write ») was never heard of again. A folder's own watch names whatever changes in it,
 * whichever way it was written.
 */
import { existsSync, readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

/** Starts watching `root` and everything under it; `onChange` gets paths relative to `root`. */
export type WatchFolder = (root: string, onChange: (file: string) => void, onError: (error: Error) => void) => { close(): void };

/** Editors' swap and backup files, vim's write test, version control: not the author's saves. */
export function isIgnoredPath(file: string): boolean {
  return file.split(path.sep).some((part) => part.startsWith('.') || part.endsWith('~') || part === '4913');
}

export const watchFolderTree: WatchFolder = (root, onChange, onError) => new FolderTree(root, onChange, onError);

class FolderTree {
  /** By folder, relative to the root ('' for the root). */
  private readonly watchers = new Map<string, FSWatcher>();
  private closed = false;

  constructor(
    private readonly root: string,
    private readonly onChange: (file: string) => void,
    private readonly onError: (error: Error) => void,
  ) {
    // The root's failure is the caller's (it throws here); a subfolder's is only forgotten.
    this.add('', true);
  }

  close(): void {
    this.closed = true;
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  private add(folder: string, isRoot = false): void {
    if (this.closed || this.watchers.has(folder) || (!isRoot && isIgnoredPath(folder))) return;
    const absolute = path.join(this.root, folder);
    let watcher: FSWatcher;
    try {
      watcher = watch(absolute, (_event, name) => this.changed(folder, name === null ? '' : String(name)));
    } catch (error) {
      if (isRoot) throw error;
      return; // gone before it could be watched
    }
    watcher.on('error', (error) => (isRoot ? this.fail(error) : this.forget(folder)));
    this.watchers.set(folder, watcher);
    // Subfolders there already, including one made before this watch started.
    let entries: string[] = [];
    try {
      entries = readdirSync(absolute, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    } catch {
      // Removed meanwhile: its watch reports it.
    }
    for (const name of entries) this.add(path.join(folder, name));
  }

  private changed(folder: string, name: string): void {
    if (this.closed) return;
    if (!existsSync(this.root)) return this.fail(new Error(`dossier supprimé : ${this.root}`));
    if (name === '') return this.onChange(folder); // the system did not say which file
    const file = path.join(folder, name);
    const stats = statSync(path.join(this.root, file), { throwIfNoEntry: false });
    if (stats?.isDirectory()) this.add(file);
    else if (!stats) this.forget(file);
    this.onChange(file);
  }

  /** A folder removed or moved away: its watch and its subfolders' go. */
  private forget(folder: string): void {
    for (const [watched, watcher] of this.watchers) {
      if (watched !== '' && (watched === folder || watched.startsWith(folder + path.sep))) {
        watcher.close();
        this.watchers.delete(watched);
      }
    }
  }

  private fail(error: Error): void {
    if (this.closed) return;
    this.close();
    this.onError(error);
  }
}
