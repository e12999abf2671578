/**
 * Each node's writable state (its root file system's changes and its Docker engine's images,
 * containers and volumes) lives on a disk of its own: a sparse ext4 file mounted through a
 * loop device on the host, bound into the sandbox. Filling it fails inside the node with
 * "No space left on device"; it never fills the host's disk beyond the node's size.
 * Runs on the host, as the server (root); the student never touches the image file.
 */
import { execFile } from 'node:child_process';
import { mkdir, open, readdir, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const IMAGE_SUFFIX = '.img';
/** A disk younger than this may belong to a sandbox being created right now. */
const LEFTOVER_MIN_AGE_MS = 2 * 60_000;

export class NodeDisks {
  /** @param dir where this driver instance keeps its disks (one image file + one mount point each) */
  constructor(private readonly dir: string) {}

  /** Makes and mounts an empty disk of `sizeGiB`; returns the host folder to bind into the sandbox. */
  async create(name: string, sizeGiB: number): Promise<string> {
    const { image, mountPoint } = this.paths(name);
    // A disk of the same name left mounted (a killed server, a sandbox recreated under its
    // old name) would make mkfs refuse: start clean.
    await this.remove(name);
    await mkdir(mountPoint, { recursive: true });
    const file = await open(image, 'w', 0o600);
    try {
      await file.truncate(Math.round(sizeGiB * 1024 ** 3));
    } finally {
      await file.close();
    }
    // No reserved blocks (the node's root is the only user); lazy init keeps this ~0.1 s.
    await run('mkfs.ext4', ['-q', '-F', '-m', '0', '-E', 'lazy_itable_init=1,lazy_journal_init=1,nodiscard', image]);
    await run('mount', ['-o', 'loop,nodev,nosuid', image, mountPoint]);
    return mountPoint;
  }

  /** Unmounts and deletes a node's disk; nothing to do when it is already gone. */
  async remove(name: string): Promise<void> {
    const { image, mountPoint } = this.paths(name);
    await unmountAndDelete(image, mountPoint);
  }

  /**
   * The same for the disk a container was given (its bind mount's source), wherever it lives:
   * a sandbox of this instance made by another checkout (another data folder) is removed
   * with its own disk, not left mounted there.
   */
  async removeMountedAt(mountPoint: string): Promise<void> {
    if (!path.isAbsolute(mountPoint) || !/^[a-zA-Z0-9_.-]+$/.test(path.basename(mountPoint))) return;
    await unmountAndDelete(`${mountPoint}${IMAGE_SUFFIX}`, mountPoint);
  }

  /** Removes the disks of nodes that no longer exist (left by a killed server). */
  async removeAllBut(keep: ReadonlySet<string>): Promise<void> {
    const entries = await readdir(this.dir).catch(() => [] as string[]);
    const images = entries.filter((entry) => entry.endsWith(IMAGE_SUFFIX));
    for (const image of images) {
      const name = image.slice(0, -IMAGE_SUFFIX.length);
      if (keep.has(name)) continue;
      const { mtimeMs } = await stat(path.join(this.dir, image));
      if (Date.now() - mtimeMs >= LEFTOVER_MIN_AGE_MS) await this.remove(name);
    }
  }

  private paths(name: string) {
    if (!/^[a-zA-Z0-9_.-]+$/.test(name)) throw new TypeError(`Nom de disque invalide : ${name}`);
    return { image: path.join(this.dir, `${name}${IMAGE_SUFFIX}`), mountPoint: path.join(this.dir, name) };
  }
}

async function unmountAndDelete(image: string, mountPoint: string): Promise<void> {
  // Lazy: a sandbox still being torn down by Docker may hold the mount a moment longer.
  await run('umount', ['-l', mountPoint]).catch(() => undefined);
  await rmdir(mountPoint).catch(() => undefined);
  await rm(image, { force: true });
}
