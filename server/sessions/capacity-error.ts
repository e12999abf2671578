/**
 * « Démarrer » refused for lack of room: 429 when the student already holds as many sessions
 * as allowed, 503 when the machine is full. The message says when a place frees up, computed
 * from the soonest expiry, so the student is never left with a spinner or a bare 500.
 */
import { AppError } from '../errors';
import { pluralMinutes } from './lifetime';

export type CapacityScope = 'owner' | 'machine';

export class CapacityError extends AppError {
  /** `machines`: how many runtime machines take labs now (the places are theirs). */
  constructor(
    readonly scope: CapacityScope,
    readonly retryInMinutes: number,
    limit: number,
    machines = 1,
  ) {
    super(
      `Plus de place pour le moment : réessayez dans ${pluralMinutes(retryInMinutes)}.`,
      scope === 'owner' ? 429 : 503,
      scope === 'owner'
        ? `Vous avez déjà ${limit === 1 ? 'un lab' : `${limit} labs`} en cours, le maximum par personne : ` +
            'terminez-en un pour libérer une place tout de suite.'
        : machineDetail(limit, machines),
    );
  }
}

function machineDetail(limit: number, machines: number): string {
  if (machines === 0) return 'Aucun serveur de labs ne prend de nouveau lab pour l’instant (arrêtés ou en maintenance) : prévenez l’équipe technique.';
  const where = machines === 1 ? 'de cette machine' : `des ${machines} serveurs de labs`;
  return `${limit === 1 ? 'La seule place' : `Les ${limit} places`} ${where} ${limit === 1 ? 'est occupée' : 'sont occupées'} par des labs en cours.`;
}
