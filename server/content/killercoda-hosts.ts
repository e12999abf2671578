/**
 * The machine names Killercoda's scenarios use, so that they run unchanged on a lab's nodes:
 * its multi-machine environments call the first machine `controlplane` and the next ones
 * `node01`, `node02`…, and its assets and scripts name them `host01`, `host02`… (see
 * lab-index.ts hostIndex). Each of a lab's nodes answers to those of its position, besides
 * its own name; a name the lab gives one of its nodes itself is never taken from it.
 */
export function killercodaAliases(nodes: readonly string[]): string[][] {
  const own = new Set(nodes);
  return nodes.map((_, position) =>
    [position === 0 ? 'controlplane' : `node${twoDigits(position)}`, `host${twoDigits(position + 1)}`].filter((name) => !own.has(name)),
  );
}

const twoDigits = (n: number): string => String(n).padStart(2, '0');
