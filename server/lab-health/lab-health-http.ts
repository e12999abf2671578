/** Inputs of the « santé des labs » routes, validated where they enter. */
import { z } from 'zod';
import { PACK_ID_PATTERN } from '../content/packs/pack-registry';

/** « Lancer maintenant »: every pack's labs, or one pack's. */
export const runNowBody = z.strictObject({
  pack: z.string().regex(PACK_ID_PATTERN, { error: 'nom de paquet invalide' }).optional(),
});
