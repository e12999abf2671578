import { describe, expect, it } from 'vitest';
import { freeSubnet, parseCidr, formatCidr } from '@/runtime/incus/subnet-pool';

describe('subnets for session networks', () => {
  it('gives the first /26 of the pool, then the next free one', () => {
    expect(freeSubnet('10.213.0.0/16', [])).toBe('10.213.0.0/26');
    expect(freeSubnet('10.213.0.0/16', ['10.213.0.0/26', '10.213.0.64/26'])).toBe('10.213.0.128/26');
  });

  it('skips subnets overlapped by any network, wider or narrower', () => {
    expect(freeSubnet('10.213.0.0/16', ['10.213.0.0/24'])).toBe('10.213.1.0/26');
    expect(freeSubnet('10.213.0.0/16', ['10.213.0.5/32', 'fd00::/64'])).toBe('10.213.0.64/26');
  });

  it('finds the last free /26 of a /16 (1024 sessions), then says the pool is full', () => {
    const all = Array.from({ length: 1024 }, (_, i) => `10.213.${Math.floor(i / 4)}.${(i % 4) * 64}/26`);
    const lastFree = all.pop()!;
    expect(freeSubnet('10.213.0.0/16', all)).toBe(lastFree);
    expect(freeSubnet('10.213.0.0/16', [...all, lastFree])).toBeNull();
  });

  it('reads and writes CIDR notation, and refuses nonsense', () => {
    expect(formatCidr(parseCidr('192.168.7.9/24'))).toBe('192.168.7.0/24');
    expect(() => parseCidr('10.300.0.0/16')).toThrow(/invalide/);
  });
});
