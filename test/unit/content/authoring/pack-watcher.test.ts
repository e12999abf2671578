import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isIgnoredPath, type WatchFolder } from '@/server/content/authoring/folder-watch';
import { PackWatcher } from '@/server/content/authoring/pack-watcher';

/** A folder watch driven by the test: `save` stands for what inotify reports. */
function fakeWatch() {
  const folders = new Map<string, { onChange: (file: string) => void; onError: (error: Error) => void; closed: boolean }>();
  const watchFolder: WatchFolder = (root, onChange, onError) => {
    const entry = { onChange, onError, closed: false };
    folders.set(root, entry);
    return { close: () => void (entry.closed = true) };
  };
  const at = (root: string) => {
    const entry = folders.get(root);
    if (!entry) throw new Error(`${root} n'est pas surveillé`);
    return entry;
  };
  return { watchFolder, save: (root: string, file: string) => at(root).onChange(file), fail: (root: string) => at(root).onError(new Error('ENOENT')), at };
}

const PACK = { id: 'reseaux', root: '/cours/reseaux' };

describe('PackWatcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('turns a burst of saves into one check, once the folder is quiet, with the files it touched', async () => {
    const fake = fakeWatch();
    const onSave = vi.fn(async () => undefined);
    const watcher = new PackWatcher({ packs: [PACK], onSave, debounceMs: 200, watchFolder: fake.watchFolder });
    watcher.start();

    // An editor's save: swap file, rename over the original, the file again.
    for (const file of ['lessons/.a.md.swp', 'lessons/a.md', 'lessons/a.md~', 'labs/x/index.json', '.git/index', 'lessons/a.md', '4913']) {
      fake.save(PACK.root, file);
      await vi.advanceTimersByTimeAsync(90);
    }
    expect(onSave).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(120);
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(onSave).toHaveBeenCalledWith(PACK, ['labs/x/index.json', 'lessons/a.md']);

    // Nothing but editors' files: no check at all.
    fake.save(PACK.root, 'lessons/.a.md.swp');
    await vi.advanceTimersByTimeAsync(1000);
    expect(onSave).toHaveBeenCalledTimes(1);
    watcher.stop();
  });

  it('checks once more after a running check when saves came in meanwhile, never twice at once', async () => {
    const fake = fakeWatch();
    const calls: string[][] = [];
    let running = 0;
    let most = 0;
    const onSave = vi.fn(async (_pack: typeof PACK, files: string[]) => {
      calls.push(files);
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      running -= 1;
    });
    const watcher = new PackWatcher({ packs: [PACK], onSave, debounceMs: 100, watchFolder: fake.watchFolder });
    watcher.start();

    fake.save(PACK.root, 'lessons/a.md');
    await vi.advanceTimersByTimeAsync(150);
    expect(calls).toEqual([['lessons/a.md']]);
    // Two bursts while the first check runs: one more check, after it, with both.
    fake.save(PACK.root, 'lessons/b.md');
    await vi.advanceTimersByTimeAsync(300);
    fake.save(PACK.root, 'lessons/c.md');
    await vi.advanceTimersByTimeAsync(300);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2500);
    expect(calls).toEqual([['lessons/a.md'], ['lessons/b.md', 'lessons/c.md']]);
    expect(most).toBe(1);
    watcher.stop();
  });

  it('watches each pack apart, and stops', async () => {
    const fake = fakeWatch();
    const onSave = vi.fn(async () => undefined);
    const other = { id: 'k8s', root: '/cours/k8s' };
    const watcher = new PackWatcher({ packs: [PACK, other], onSave, debounceMs: 100, watchFolder: fake.watchFolder });
    watcher.start();
    fake.save(PACK.root, 'course.json');
    fake.save(other.root, 'lessons/pods.md');
    await vi.advanceTimersByTimeAsync(150);
    expect(onSave.mock.calls).toEqual([
      [PACK, ['course.json']],
      [other, ['lessons/pods.md']],
    ]);
    watcher.stop();
    expect(fake.at(PACK.root).closed && fake.at(other.root).closed).toBe(true);
    fake.save(PACK.root, 'course.json');
    await vi.advanceTimersByTimeAsync(500);
    expect(onSave).toHaveBeenCalledTimes(2);
  });

  it('watches a folder again after its watch failed, and checks what changed meanwhile', async () => {
    const fake = fakeWatch();
    const onSave = vi.fn(async () => undefined);
    const log = vi.fn();
    const watcher = new PackWatcher({ packs: [PACK], onSave, debounceMs: 100, retryMs: 2000, watchFolder: fake.watchFolder, log });
    watcher.start();
    const first = fake.at(PACK.root);
    fake.fail(PACK.root);
    expect(first.closed).toBe(true);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('surveillance de /cours/reseaux interrompue (ENOENT)'));
    await vi.advanceTimersByTimeAsync(2150);
    expect(fake.at(PACK.root)).not.toBe(first);
    expect(onSave).toHaveBeenCalledWith(PACK, []);
    watcher.stop();
  });

  it('says once that a folder cannot be watched, tries again quietly, and checks it once it can', async () => {
    let refusals = 3;
    const watchFolder: WatchFolder = () => {
      if (refusals-- > 0) throw new Error('ENOENT: dossier absent');
      return { close: () => undefined };
    };
    const onSave = vi.fn(async () => undefined);
    const log = vi.fn();
    const watcher = new PackWatcher({ packs: [PACK], onSave, debounceMs: 100, retryMs: 1000, watchFolder, log });
    watcher.start();
    await vi.advanceTimersByTimeAsync(2500);
    expect(log).toHaveBeenCalledTimes(1);
    expect(onSave).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(700);
    expect(log).toHaveBeenLastCalledWith('paquet « reseaux » : surveillance de /cours/reseaux reprise');
    expect(onSave).toHaveBeenCalledTimes(1);
    watcher.stop();
  });
});

describe('isIgnoredPath', () => {
  it('leaves out editors’ and version control’s files, not the author’s', () => {
    expect(['.git/HEAD', 'lessons/.a.md.swp', 'lessons/a.md~', 'labs/x/4913', '.DS_Store'].filter(isIgnoredPath)).toHaveLength(5);
    expect(['course.json', 'lessons/a.md', 'labs/x/step1/verify.sh', 'labs/x/assets/app.py'].some(isIgnoredPath)).toBe(false);
  });
});
