/**
 * `npm run admin:create -- --email ada@exemple.fr --password '…' [--name 'Ada Lovelace']`:
 * creates the first admin (or gives an existing account the admin role) in the database the
 * server uses (same settings: DATABASE_URL, DOCKYARD_DATA_DIR, DOCKYARD_SECRET). With the
 * embedded database, stop the server first: one process at a time may open its files.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { MAX_NAME_LENGTH, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../auth/account-rules';
import { createAuth } from '../auth/better-auth';
import { loadSecret } from '../auth/secret';
import { openDatabase } from '../db/database';
import { readEnv } from '../env';
import { ensureAdmin } from './ensure-admin';

const USAGE = "Usage : npm run admin:create -- --email adresse@exemple.fr --password 'mot de passe' [--name 'Prénom Nom']";

const argsSchema = z.object({
  email: z.email({ error: '--email doit être une adresse e-mail' }),
  password: z
    .string({ error: '--password est obligatoire' })
    .min(MIN_PASSWORD_LENGTH, `--password doit faire au moins ${MIN_PASSWORD_LENGTH} caractères`)
    .max(MAX_PASSWORD_LENGTH),
  name: z.string().trim().min(1).max(MAX_NAME_LENGTH).optional(),
});

const OUTCOME = {
  created: 'compte administrateur créé : connectez-vous avec cette adresse et ce mot de passe.',
  promoted: 'ce compte existait : il est maintenant administrateur (son mot de passe est inchangé).',
  unchanged: 'ce compte est déjà administrateur : rien à faire.',
} as const;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } } });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) throw new Error(`${parsed.error.issues.map((issue) => issue.message).join(' ; ')}\n${USAGE}`);

  const env = readEnv();
  const db = await openDatabase({ url: env.DATABASE_URL, dataDir: `${env.DOCKYARD_DATA_DIR}/db` });
  try {
    const secret = await loadSecret(env.DOCKYARD_SECRET, env.DOCKYARD_DATA_DIR);
    const auth = createAuth({ prisma: db.prisma, secret, publicUrl: env.DOCKYARD_PUBLIC_URL, requestsPerMinute: env.DOCKYARD_AUTH_REQUESTS_PER_MINUTE });
    const outcome = await ensureAdmin({ auth, prisma: db.prisma }, parsed.data);
    console.log(`[dockyard] ${parsed.data.email} : ${OUTCOME[outcome]}`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(`[dockyard] administrateur non créé : ${(error as Error).message}`);
  process.exit(1);
});
