/** The lab nodes' internet settings, as server/env.ts reads them: off unless said, typos caught at start-up. */
import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/server/env';

describe('DOCKYARD_INTERNET and its settings', () => {
  it('is off by default, with no upstream nor allowlist of its own', () => {
    const env = parseEnv({});
    expect(env.DOCKYARD_INTERNET).toBe('off');
    expect(env.DOCKYARD_REGISTRY_UPSTREAM).toBeUndefined();
    expect(env.DOCKYARD_EGRESS_ALLOW).toBeUndefined();
  });

  it('takes on, an upstream, and a list of host names (or additions to the default list)', () => {
    const env = parseEnv({
      DOCKYARD_INTERNET: 'on',
      DOCKYARD_REGISTRY_UPSTREAM: 'https://registry-1.docker.io',
      DOCKYARD_EGRESS_ALLOW: '+ghcr.io, .quay.io,pkg-containers.githubusercontent.com',
    });
    expect(env.DOCKYARD_INTERNET).toBe('on');
    expect(env.DOCKYARD_EGRESS_ALLOW).toContain('ghcr.io');
  });

  it('refuses what it cannot use, in French', () => {
    expect(() => parseEnv({ DOCKYARD_INTERNET: 'true' })).toThrow(/DOCKYARD_INTERNET : attendu on ou off/);
    expect(() => parseEnv({ DOCKYARD_REGISTRY_UPSTREAM: 'registry-1.docker.io' })).toThrow(/DOCKYARD_REGISTRY_UPSTREAM/);
    expect(() => parseEnv({ DOCKYARD_EGRESS_ALLOW: 'https://pypi.org/simple' })).toThrow(/noms d’hôtes/);
  });
});
