/**
 * Picks a free subnet for each session network from Dockyard's own pool: a /26 each (62
 * addresses, 1024 sessions in a /16), never overlapping another network of the host.
 */

export interface Cidr {
  base: number;
  bits: number;
}

export function parseCidr(text: string): Cidr {
  const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(text.trim());
  const octets = match?.slice(1, 5).map(Number) ?? [];
  const bits = Number(match?.[5]);
  if (!match || octets.some((o) => o > 255) || bits > 32) throw new TypeError(`Sous-réseau invalide : ${text}`);
  const address = octets.reduce((acc, octet) => acc * 256 + octet, 0);
  const size = 2 ** (32 - bits);
  return { base: address - (address % size), bits };
}

export function formatCidr({ base, bits }: Cidr): string {
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(base / 2 ** shift) % 256);
  return `${octets.join('.')}/${bits}`;
}

function overlaps(a: Cidr, b: Cidr): boolean {
  const endA = a.base + 2 ** (32 - a.bits);
  const endB = b.base + 2 ** (32 - b.bits);
  return a.base < endB && b.base < endA;
}

/** The first `bits`-sized subnet of `pool` that overlaps none of `used`, or null if full. */
export function freeSubnet(pool: string, used: string[], bits = 26): string | null {
  const range = parseCidr(pool);
  if (bits < range.bits) throw new TypeError(`Le réservoir ${pool} est plus petit qu'un /${bits}`);
  const taken = used.flatMap((cidr) => {
    try {
      return [parseCidr(cidr)];
    } catch {
      return []; // IPv6 or malformed entries cannot overlap an IPv4 pool
    }
  });
  const step = 2 ** (32 - bits);
  for (let base = range.base; base < range.base + 2 ** (32 - range.bits); base += step) {
    const candidate = { base, bits };
    if (!taken.some((t) => overlaps(t, candidate))) return formatCidr(candidate);
  }
  return null;
}

/** The n-th address of a subnet, with its prefix length: addressIn('10.0.0.0/26', 1) = 10.0.0.1/26. */
export function addressIn(subnet: string, n: number): string {
  const { base, bits } = parseCidr(subnet);
  if (n < 1 || n >= 2 ** (32 - bits) - 1) throw new RangeError(`${subnet} n'a pas d'adresse n° ${n}`);
  return `${formatCidr({ base: base + n, bits: 32 }).slice(0, -3)}/${bits}`;
}
