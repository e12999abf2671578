/**
 * Image builds are cached between runs of the start command (`./dockyard start` runs
 * build-all.sh every time): on images already built, the script rebuilds nothing and pushes
 * nothing (how long that takes is a figure, not a test: a few seconds here). The script does not lock, so every run here holds
 * /tmp/dockyard-images.lock, the lock engineers take around it on this shared machine.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { image, readCatalog } from './engine';

const run = promisify(execFile);
const LOCK = '/tmp/dockyard-images.lock';
/** A rebuild of a few images, when another engineer has just changed their folders. */
const REBUILD_MS = 20 * 60_000;
const INFRASTRUCTURE = ['dockyard/debian-base:bookworm', 'dockyard/debian-base:trixie', 'dockyard/lab-node:latest', 'dockyard/registry:latest', 'dockyard/catalog-base:bookworm'];

async function buildAll(): Promise<string> {
  const { stdout, stderr } = await run('flock', [LOCK, 'bash', 'runtime/images/build-all.sh'], {
    maxBuffer: 16 * 1024 * 1024,
    timeout: REBUILD_MS,
  });
  return `${stdout}${stderr}`;
}

describe('build-all.sh on images already built', () => {
  it('rebuilds and pushes nothing, and says each image is up to date', async () => {
    // The first run may legitimately rebuild an image whose folder someone just changed:
    // only the second one must find everything built.
    await buildAll();
    const output = await buildAll();

    expect(output).not.toMatch(/Construction|construite en|Envoi de|envoyée en|Démarrage du registre|remplacement/);
    for (const tag of INFRASTRUCTURE) expect(output).toContain(`==> ${tag} : à jour`);
    // The lab node's image is imported into Incus only when it changed.
    expect(output).toContain('==> dockyard/node:latest (Incus) : à jour');
    expect(output).not.toMatch(/Import de l'image/);
    for (const { name, tags } of readCatalog()) {
      expect(output).toContain(`==> ${image(`${name}:${tags[0]}`)} : à jour`);
      expect(output).toContain(`==> ${name}:${tags[0]} (${tags.length} étiquettes) : déjà dans le registre`);
    }
    expect(output).toMatch(/==> Images prêtes en \d+ s\.\n$/);
  }, 2 * REBUILD_MS);
});
