// With PostgreSQL, several servers may share the database: each must be given the same
// DOCKYARD_SECRET, and a server without one refuses to start with a message that says so.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSecret } from '@/server/auth/secret';

describe('the signing secret', () => {
  it('is required when servers may share the database, and generated into the data folder otherwise', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dockyard-secret-'));
    try {
      await expect(loadSecret(undefined, dir, { shared: true })).rejects.toThrow(/DATABASE_URL est donnée sans DOCKYARD_SECRET/);
      expect(await loadSecret('x'.repeat(32), dir, { shared: true })).toBe('x'.repeat(32));
      const generated = await loadSecret(undefined, dir);
      expect(generated).toHaveLength(43);
      expect(await loadSecret(undefined, dir)).toBe(generated);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
