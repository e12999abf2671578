/** Inputs of the admin routes, validated where they enter. */
import { z } from 'zod';
import { userIdSchema } from './params';
import { ROLES } from '../auth/roles';

export const userParams = z.object({ id: userIdSchema });

/** One change at a time: a role, or enabled/disabled. */
export const updateUserBody = z.union(
  [z.strictObject({ role: z.enum(ROLES, { error: 'rôle inconnu (student, instructor ou admin)' }) }), z.strictObject({ disabled: z.boolean() })],
  { error: 'Indiquez soit un rôle (role), soit un état (disabled).' },
);

export const userSearch = z.object({ q: z.string().max(100).default('') });
