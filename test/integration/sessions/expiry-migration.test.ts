// A database from before sessions expired: its running sessions get an expiry (an hour after
// their start) when the new migration runs, so the reaper can end them like any other.
import { afterAll, expect, it } from 'vitest';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase } from '@/server/db/database';
import { listMigrations, migrate, MIGRATIONS_DIR } from '@/server/db/migrate';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

it('gives sessions started before the migration an expiry one hour after their start', async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dockyard-expiry-db-'));
  const oldMigrations = await mkdtemp(path.join(os.tmpdir(), 'dockyard-old-migrations-'));
  dirs.push(dataDir, oldMigrations);
  const all = await listMigrations();
  const before = all.slice(0, all.indexOf('20261201000000_session_expiry'));
  expect(before.length).toBeGreaterThan(0);
  for (const name of before) await cp(path.join(MIGRATIONS_DIR, name), path.join(oldMigrations, name), { recursive: true });

  // The database as the previous version left it, with one running session.
  const old = new PGlite(dataDir);
  await migrate(
    {
      exec: async (sql) => void (await old.exec(sql)),
      query: async <Row>(sql: string, params?: unknown[]) => (await old.query<Row>(sql, params)).rows,
      transaction: async (work) =>
        void (await old.transaction((tx) =>
          work({
            exec: async (sql) => void (await tx.exec(sql)),
            query: async <Row>(sql: string, params?: unknown[]) => (await tx.query<Row>(sql, params)).rows,
            transaction: () => Promise.reject(new Error('nested')),
          }),
        )),
    },
    oldMigrations,
  );
  await old.query(`INSERT INTO "LabSession" ("id", "ownerId", "lab", "createdAt") VALUES ('ancienne', 'o', 'premiers-pas', '2026-11-20 10:00:00')`);
  await old.close();

  const db = await openDatabase({ dataDir });
  try {
    expect(db.migration.applied).toContain('20261201000000_session_expiry');
    const session = await db.prisma.labSession.findUniqueOrThrow({ where: { id: 'ancienne' } });
    expect(session.expiresAt.getTime() - session.createdAt.getTime()).toBe(60 * 60_000);
  } finally {
    await db.close();
  }
});
