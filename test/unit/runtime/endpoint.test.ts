import { describe, expect, it } from 'vitest';
import { endpointHost } from '@/runtime/docker/endpoint';
import { RuntimeError, SandboxNotRunningError } from '@/runtime/errors';

type Inspected = Parameters<typeof endpointHost>[0];

function inspected(running: boolean, networks: Record<string, { IPAddress: string }>): Inspected {
  return { State: { Running: running }, NetworkSettings: { Networks: networks } } as unknown as Inspected;
}

describe('where a sandbox port is reached', () => {
  it('is the first network address, whatever the network is called', () => {
    expect(endpointHost(inspected(true, { 'dockyard-s-123': { IPAddress: '172.21.0.2' } }), 'c1')).toBe('172.21.0.2');
    expect(endpointHost(inspected(true, { a: { IPAddress: '' }, b: { IPAddress: '172.22.0.3' } }), 'c1')).toBe('172.22.0.3');
  });

  it('is refused for a stopped sandbox or one without an address, with a French message', () => {
    expect(() => endpointHost(inspected(false, { n: { IPAddress: '172.21.0.2' } }), 'c1')).toThrow(SandboxNotRunningError);
    expect(() => endpointHost(inspected(true, {}), 'c1')).toThrow(RuntimeError);
    expect(() => endpointHost(inspected(true, {}), 'c1')).toThrow(/adresse réseau/);
  });
});
