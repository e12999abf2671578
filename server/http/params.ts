import { z } from 'zod';

export const slugSchema = z.string().regex(/^[a-z0-9-]{1,64}$/, 'identifiant de lab invalide');
export const sessionIdSchema = z.string().uuid('identifiant de session invalide');

export const labParams = z.object({ slug: slugSchema });
export const sessionParams = z.object({ id: sessionIdSchema });
export const checkBody = z.object({ step: z.number().int().min(0).max(200) });
