import { describe, expect, it } from 'vitest';
import { fr } from '@/app/_i18n/fr';
import { stuckLabel } from '@/app/classes/[id]/resultats/_lib/stuck-label';
import { freshAlerts } from '@/app/classes/[id]/resultats/_lib/use-new-alerts';

describe('a stuck student’s flag, in words', () => {
  const words = fr.results.stuck;

  it('says why and at which step, numbered as on the lab page', () => {
    expect(stuckLabel(words, { reason: 'failures', count: 3, stepNumber: 2 })).toBe('3 échecs de suite à l’étape 2');
    expect(stuckLabel(words, { reason: 'idle', count: 12, stepNumber: 3 })).toBe('Inactif depuis 12 min à l’étape 3');
    expect(stuckLabel(words, { reason: 'solution', count: 0, stepNumber: 1 })).toBe('A affiché la solution de l’étape 1');
  });
});

describe('freshAlerts: what the live region announces', () => {
  const flags = (...keys: string[]) => keys.map((key) => ({ key }));

  it('announces nothing for the flags the page opened with', () => {
    expect(freshAlerts(null, flags('a', 'b'))).toEqual([]);
  });

  it('announces only the flags the previous poll did not have', () => {
    expect(freshAlerts(new Set(['a']), flags('a', 'b'))).toEqual(flags('b'));
    expect(freshAlerts(new Set(['a', 'b']), flags('a', 'b'))).toEqual([]);
  });

  it('announces again a flag that went away and came back', () => {
    expect(freshAlerts(new Set([]), flags('a'))).toEqual(flags('a'));
  });
});
