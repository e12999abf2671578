import type { StuckFlagView } from '@/server/progress/stuck-student-finder';
import type { Dictionary } from '../../../../_i18n/fr';

/** « 3 échecs de suite à l'étape 2 »: the flag in words, never a colour alone. */
export function stuckLabel(words: Dictionary['results']['stuck'], flag: Pick<StuckFlagView, 'reason' | 'count' | 'stepNumber'>): string {
  if (flag.reason === 'failures') return words.failures(flag.count, flag.stepNumber);
  if (flag.reason === 'idle') return words.idle(flag.count, flag.stepNumber);
  return words.solution(flag.stepNumber);
}
