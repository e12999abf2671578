import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchFolderTree } from '@/server/content/authoring/folder-watch';

describe('watchFolderTree, on a real folder', () => {
  let root: string;
  let seen: string[];
  let errors: Error[];
  let watch: { close(): void };

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'dockyard-watch-'));
    await mkdir(path.join(root, 'labs/atelier/step1'), { recursive: true });
    await writeFile(path.join(root, 'labs/atelier/step1/text.md'), 'un\n');
    seen = [];
    errors = [];
    watch = watchFolderTree(root, (file) => seen.push(file), (error) => errors.push(error));
  });
  afterEach(async () => {
    watch.close();
    await rm(root, { recursive: true, force: true });
  });

  /** Waits until `file` was reported, then forgets what was. */
  async function expectSeen(file: string): Promise<void> {
    await vi.waitFor(() => expect(seen).toContain(file), { timeout: 3000, interval: 20 });
    seen = [];
  }

  it('hears every save, however it is written, in folders there at the start and made later', async () => {
    const text = path.join(root, 'labs/atelier/step1/text.md');
    await writeFile(text, 'deux\n');
    await expectSeen('labs/atelier/step1/text.md');
    // Written as a copy renamed over the original (sed -i, editors' safe write): Node 20's
    // recursive fs.watch heard of that file no more after this.
    execFileSync('sed', ['-i', 's/deux/trois/', text]);
    await expectSeen('labs/atelier/step1/text.md');
    await writeFile(text, 'quatre\n');
    await expectSeen('labs/atelier/step1/text.md');
    await rename(text, `${text}.bak`);
    await writeFile(text, 'cinq\n');
    await expectSeen('labs/atelier/step1/text.md');

    await mkdir(path.join(root, 'labs/nouveau/step1'), { recursive: true });
    await expectSeen('labs/nouveau');
    await writeFile(path.join(root, 'labs/nouveau/step1/verify.sh'), 'exit 0\n');
    await expectSeen('labs/nouveau/step1/verify.sh');
    await writeFile(path.join(root, 'labs/nouveau/step1/verify.sh'), 'exit 1\n');
    await expectSeen('labs/nouveau/step1/verify.sh');

    await rm(path.join(root, 'labs/nouveau'), { recursive: true });
    await expectSeen('labs/nouveau');
    expect(errors).toEqual([]);
  });

  it('gives up, with an error, when the folder itself is removed', async () => {
    await rm(root, { recursive: true });
    await vi.waitFor(() => expect(errors.map((error) => error.message)).toContain(`dossier supprimé : ${root}`), { timeout: 3000 });
  });
});
