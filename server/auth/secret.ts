/**
 * The signing secret: DOCKYARD_SECRET when the operator sets one, otherwise (one server, on
 * PGlite) a random one generated once into the data folder, so that cookies survive restarts.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Said at start-up when the database is PostgreSQL and no DOCKYARD_SECRET is set: several
 * servers may share that database (web replicas), and each would generate a secret of its own
 * — a student signed in through one would be signed out by the next request reaching another.
 */
export const SHARED_SECRET_MISSING =
  'DATABASE_URL est donnée sans DOCKYARD_SECRET : avec PostgreSQL, plusieurs serveurs peuvent partager la base, ' +
  'et tous doivent signer avec le même secret. Donnez à chacun le même DOCKYARD_SECRET (32 caractères au moins, ' +
  'par exemple `openssl rand -base64 32`, ou le contenu de data/secret pour garder les connexions en cours).';

export async function loadSecret(configured: string | undefined, dataDir: string, options: { shared?: boolean } = {}): Promise<string> {
  if (configured) return configured;
  if (options.shared) throw new Error(SHARED_SECRET_MISSING);
  const file = path.resolve(dataDir, 'secret');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, secret, { mode: 0o600, flag: 'wx' }).catch(async (error) => {
    // Another process wrote it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  });
  return (await readFile(file, 'utf8')).trim();
}
