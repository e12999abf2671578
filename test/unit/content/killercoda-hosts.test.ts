import { describe, expect, it } from 'vitest';
import { killercodaAliases } from '@/server/content/killercoda-hosts';
import { hostsLines } from '@/runtime/incus/session-hosts';

describe('killercodaAliases', () => {
  it('names the first machine controlplane and host01, the next ones node01, node02… and host02, host03…', () => {
    expect(killercodaAliases(['node1', 'node2', 'node3'])).toEqual([
      ['controlplane', 'host01'],
      ['node01', 'host02'],
      ['node02', 'host03'],
    ]);
  });

  it('never takes from a node a name the lab gives another one itself', () => {
    expect(killercodaAliases(['controlplane', 'node01'])).toEqual([['host01'], ['host02']]);
    expect(killercodaAliases(['node01', 'node02'])).toEqual([['controlplane', 'host01'], ['host02']]);
  });
});

describe('hostsLines', () => {
  it('writes each node’s own name first, then its other names, on Dockyard’s marked lines', () => {
    const lines = hostsLines('10.213.0.1', [
      { name: 'dy-a', node: 'node1', aliases: ['controlplane', 'host01'], ip: '10.213.0.66' },
      { name: 'dy-b', node: 'node2', aliases: [], ip: '10.213.0.67' },
    ]);
    expect(lines).toBe(
      '10.213.0.1\tdockyard-registry # dockyard\n10.213.0.66\tnode1 controlplane host01 # dockyard\n10.213.0.67\tnode2 # dockyard\n',
    );
  });
});
