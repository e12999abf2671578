/** Inputs of the LTI routes, validated where they enter. */
import { z } from 'zod';
import { ASSIGNMENT_KINDS } from '../classes/assignable-content';
import { CONTENT_ID_PATTERN } from '../content/packs/pack-registry';

/** The platform's form post to the launch (and deep-linking) URL. */
export const launchForm = z.object({
  id_token: z.string({ error: 'id_token manquant : la plateforme n’a pas envoyé de jeton (connexion refusée de son côté ?).' }).min(1).max(20_000),
  state: z.string({ error: 'state manquant.' }).min(1).max(200),
});

export const ticketQuery = z.object({ ticket: z.string().min(20).max(100) });

export const platformParams = z.object({ id: z.uuid('identifiant de plateforme invalide') });
export const deepLinkParams = z.object({ id: z.uuid('identifiant de choix invalide') });

export const deepLinkChoiceBody = z.strictObject({
  kind: z.enum(ASSIGNMENT_KINDS, { error: 'type de contenu inconnu (lab, quiz ou lesson)' }),
  slug: z.string().regex(CONTENT_ID_PATTERN, 'identifiant de contenu invalide'),
});

/** Cookie binding the browser that began a login to its launch, when the browser keeps it. */
export const STATE_COOKIE = 'dockyard_lti_state';
