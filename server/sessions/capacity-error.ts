/**
 * « Démarrer » refused for lack of room: 429 when the student already holds as many sessions
 * as allowed, 503 when the machine is full. The message says when a place frees up, computed
 * from the soonest expiry, so the student is never left with a spinner or a bare 500.
 */
import { AppError } from '../errors';
import { pluralMinutes } from './lifetime';

export type CapacityScope = 'owner' | 'machine';

export class CapacityError extends AppError {
  constructor(
    readonly scope: CapacityScope,
    readonly retryInMinutes: number,
    limit: number,
  ) {
    super(
      `Plus de place pour le moment : réessayez dans ${pluralMinutes(retryInMinutes)}.`,
      scope === 'owner' ? 429 : 503,
      scope === 'owner'
        ? `Vous avez déjà ${limit === 1 ? 'un lab' : `${limit} labs`} en cours, le maximum par personne : ` +
            'terminez-en un pour libérer une place tout de suite.'
        : `${limit === 1 ? 'La seule place' : `Les ${limit} places`} de cette machine ${limit === 1 ? 'est occupée' : 'sont occupées'} par des labs en cours.`,
    );
  }
}
