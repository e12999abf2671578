import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/server/env';

describe('account settings', () => {
  it('keep labs for accounts unless workshop mode is switched on', () => {
    expect(parseEnv({}).DOCKYARD_ANONYMOUS_LABS).toBe(false);
    expect(parseEnv({ DOCKYARD_ANONYMOUS_LABS: 'false' }).DOCKYARD_ANONYMOUS_LABS).toBe(false);
    expect(parseEnv({ DOCKYARD_ANONYMOUS_LABS: 'true' }).DOCKYARD_ANONYMOUS_LABS).toBe(true);
    expect(() => parseEnv({ DOCKYARD_ANONYMOUS_LABS: 'oui' })).toThrow(/DOCKYARD_ANONYMOUS_LABS: attendu : true ou false/);
  });

  it('want the first admin’s e-mail and password together', () => {
    expect(() => parseEnv({ DOCKYARD_ADMIN_EMAIL: 'ada@exemple.fr' })).toThrow(/vont ensemble/);
    expect(() => parseEnv({ DOCKYARD_ADMIN_EMAIL: 'ada', DOCKYARD_ADMIN_PASSWORD: 'assez-long' })).toThrow(/adresse e-mail/);
    expect(parseEnv({ DOCKYARD_ADMIN_EMAIL: 'ada@exemple.fr', DOCKYARD_ADMIN_PASSWORD: 'assez-long' })).toMatchObject({
      DOCKYARD_ADMIN_EMAIL: 'ada@exemple.fr',
    });
  });

  it('accept only an http(s) public address', () => {
    expect(parseEnv({ DOCKYARD_PUBLIC_URL: 'https://dockyard.exemple.fr' }).DOCKYARD_PUBLIC_URL).toBe('https://dockyard.exemple.fr');
    expect(() => parseEnv({ DOCKYARD_PUBLIC_URL: 'dockyard.exemple.fr' })).toThrow(/DOCKYARD_PUBLIC_URL/);
  });
});
