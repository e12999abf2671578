import { describe, expect, it } from 'vitest';
import { safeReturnPath, signInHref } from '@/app/_lib/return-path';

describe('the page to go back to after signing in', () => {
  it('is any path of this site, with its query', () => {
    expect(safeReturnPath('/labs/premiers-pas')).toBe('/labs/premiers-pas');
    expect(safeReturnPath('/rejoindre/ABCDEFGH?x=1')).toBe('/rejoindre/ABCDEFGH?x=1');
  });

  it('is never another site: the sign-in page is no open redirect', () => {
    for (const value of ['https://pirate.example/', '//pirate.example/x', '/\\pirate.example', 'javascript:alert(1)', '/\t/pirate.example', '', undefined, ['/a']]) {
      expect(safeReturnPath(value)).toBeNull();
    }
  });

  it('travels in the sign-in link, encoded', () => {
    expect(signInHref('/labs/premiers-pas')).toBe('/connexion?retour=%2Flabs%2Fpremiers-pas');
    expect(signInHref('/labs/x', '/inscription')).toBe('/inscription?retour=%2Flabs%2Fx');
    expect(signInHref('https://pirate.example')).toBe('/connexion');
  });
});
