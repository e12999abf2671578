// A database from before sessions expired: its running sessions get an expiry (an hour after
// their start) when the new migration runs, so the reaper can end them like any other.
import { afterAll, expect, it } from 'vitest';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { listMigrations, MIGRATIONS_DIR } from '@/server/db/migrate';
import { createTestDatabase, TEST_ENGINES } from '../test-database';

const cleanUps: Array<() => Promise<void>> = [];
afterAll(() => Promise.all(cleanUps.map((cleanUp) => cleanUp())));

it.each(TEST_ENGINES)('gives sessions started before the migration an expiry one hour after their start (%s)', async (engine) => {
  const oldMigrations = await mkdtemp(path.join(os.tmpdir(), 'dockyard-old-migrations-'));
  cleanUps.push(() => rm(oldMigrations, { recursive: true, force: true }));
  const all = await listMigrations();
  const before = all.slice(0, all.indexOf('20261201000000_session_expiry'));
  expect(before.length).toBeGreaterThan(0);
  for (const name of before) await cp(path.join(MIGRATIONS_DIR, name), path.join(oldMigrations, name), { recursive: true });
  const home = await createTestDatabase(engine);
  cleanUps.push(home.drop);

  // The database as the previous version left it, with one running session.
  const old = await home.open({ migrationsDir: oldMigrations });
  try {
    expect(old.migration.applied).toEqual(before);
    await old.sql.exec(`INSERT INTO "LabSession" ("id", "ownerId", "lab", "createdAt") VALUES ('ancienne', 'o', 'premiers-pas', '2026-11-20 10:00:00')`);
  } finally {
    await old.close();
  }

  const db = await home.open();
  try {
    expect(db.migration.applied).toContain('20261201000000_session_expiry');
    const session = await db.prisma.labSession.findUniqueOrThrow({ where: { id: 'ancienne' } });
    expect(session.expiresAt.getTime() - session.createdAt.getTime()).toBe(60 * 60_000);
  } finally {
    await db.close();
  }
});
