/** Inputs of the admin routes, validated where they enter. */
import { z } from 'zod';
import { userIdSchema } from './params';
import { ROLES } from '../auth/roles';
import { PACK_ID_PATTERN } from '../content/packs/pack-registry';

export const userParams = z.object({ id: userIdSchema });

/** One change at a time: a role, or enabled/disabled. */
export const updateUserBody = z.union(
  [z.strictObject({ role: z.enum(ROLES, { error: 'rôle inconnu (student, instructor ou admin)' }) }), z.strictObject({ disabled: z.boolean() })],
  { error: 'Indiquez soit un rôle (role), soit un état (disabled).' },
);

export const userSearch = z.object({ q: z.string().max(100).default('') });

export const packParams = z.object({ id: z.string().regex(PACK_ID_PATTERN, 'nom de paquet invalide') });

/** A pack an admin adds: its namespace, and a folder on the server or a git repository. */
export const addPackBody = z.strictObject({
  id: z.string().regex(PACK_ID_PATTERN, { error: 'nom : lettres minuscules, chiffres et tirets (40 au plus)' }),
  location: z.string().trim().min(1, { error: 'indiquez un dossier du serveur ou un dépôt git' }).max(500),
});
