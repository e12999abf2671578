/**
 * Applies prisma/migrations/<timestamp>_<name>/migration.sql in order, each once, each in a
 * transaction, and records them in "_dockyard_migrations". Stands in for `prisma migrate`,
 * whose native schema engine cannot be downloaded on our machines.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SqlRunner } from './sql-runner';

export const MIGRATIONS_DIR = path.resolve('prisma/migrations');

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

export async function listMigrations(dir = MIGRATIONS_DIR): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && /^\d{14}_[a-z0-9_]+$/.test(e.name))
    .map((e) => e.name)
    .sort();
}

export async function migrate(db: SqlRunner, dir = MIGRATIONS_DIR): Promise<MigrationReport> {
  await db.exec(`CREATE TABLE IF NOT EXISTS "_dockyard_migrations" (
    "name" TEXT PRIMARY KEY,
    "appliedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP)`);
  const done = new Set(
    (await db.query<{ name: string }>('SELECT "name" FROM "_dockyard_migrations"')).map((r) => r.name),
  );
  const applied: string[] = [];
  for (const name of await listMigrations(dir)) {
    if (done.has(name)) continue;
    const sql = await readFile(path.join(dir, name, 'migration.sql'), 'utf8');
    try {
      await db.transaction(async (tx) => {
        await tx.exec(sql);
        await tx.query('INSERT INTO "_dockyard_migrations" ("name") VALUES ($1)', [name]);
      });
    } catch (error) {
      throw new Error(`La migration ${name} a échoué : ${(error as Error).message}`, { cause: error });
    }
    applied.push(name);
  }
  return { applied, alreadyApplied: done.size };
}
