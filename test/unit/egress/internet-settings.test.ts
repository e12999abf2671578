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
      DOCKYARD_REGISTRY_CACHES: '+ghcr.io=https://ghcr-mirror.example, registry.gitlab.com',
    });
    expect(env.DOCKYARD_INTERNET).toBe('on');
    expect(env.DOCKYARD_EGRESS_ALLOW).toContain('ghcr.io');
    expect(env.DOCKYARD_REGISTRY_CACHES).toContain('registry.gitlab.com');
    // Empty: no other registry has a cache.
    expect(parseEnv({ DOCKYARD_REGISTRY_CACHES: '' }).DOCKYARD_REGISTRY_CACHES).toBe('');
  });

  it('refuses what it cannot use, in French', () => {
    expect(() => parseEnv({ DOCKYARD_INTERNET: 'true' })).toThrow(/DOCKYARD_INTERNET : attendu on ou off/);
    expect(() => parseEnv({ DOCKYARD_REGISTRY_UPSTREAM: 'registry-1.docker.io' })).toThrow(/DOCKYARD_REGISTRY_UPSTREAM/);
    expect(() => parseEnv({ DOCKYARD_EGRESS_ALLOW: 'https://pypi.org/simple' })).toThrow(/noms d’hôtes/);
    // A port would not be reached: nodes ask a cached registry on port 80.
    expect(() => parseEnv({ DOCKYARD_REGISTRY_CACHES: 'registry.example:5000' })).toThrow(/DOCKYARD_REGISTRY_CACHES : attendu/);
    expect(() => parseEnv({ DOCKYARD_REGISTRY_CACHES: 'ghcr.io=ghcr-mirror.example' })).toThrow(/DOCKYARD_REGISTRY_CACHES/);
  });
});
