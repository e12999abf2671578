/**
 * The host's rules for every session bridge (`dy…`), IPv4 and IPv6, in chains of their own
 * jumped to first from INPUT and FORWARD:
 * - a node may answer the host (the server reaches previews and terminals' ports) and open
 *   one port on it, the registry mirror's; anything else it sends the host is refused at
 *   once (a reset, not a silent drop, so that a lookup or a connection fails fast);
 * - frames between the nodes of one bridge pass (Docker's FORWARD policy would drop them,
 *   br_netfilter shows bridged traffic to iptables); nothing is routed out of a session
 *   bridge or into one: no internet, no other session, no LAN;
 * - no IPv6 at all to the host or through it (the bridges have no IPv6 address either).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { SESSION_BRIDGE_PREFIX } from './session-network';

const run = promisify(execFile);
const IFACE = `${SESSION_BRIDGE_PREFIX}+`;
const BRIDGED = ['-m', 'physdev', '--physdev-is-bridged'];

type Family = 'iptables' | 'ip6tables';

function chains(mirrorPort: number): Array<{ family: Family; hook: 'INPUT' | 'FORWARD'; chain: string; rules: string[][] }> {
  return [
    {
      family: 'iptables',
      hook: 'INPUT',
      chain: 'DOCKYARD-INPUT',
      rules: [
        ['-i', IFACE, '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ACCEPT'],
        ['-i', IFACE, '-p', 'tcp', '-m', 'tcp', '--dport', String(mirrorPort), '-j', 'ACCEPT'],
        ['-i', IFACE, '-p', 'tcp', '-j', 'REJECT', '--reject-with', 'tcp-reset'],
        ['-i', IFACE, '-j', 'REJECT', '--reject-with', 'icmp-port-unreachable'],
      ],
    },
    {
      family: 'iptables',
      hook: 'FORWARD',
      chain: 'DOCKYARD-FORWARD',
      rules: [
        ['-i', IFACE, ...BRIDGED, '-j', 'ACCEPT'],
        ['-i', IFACE, '-p', 'tcp', '-j', 'REJECT', '--reject-with', 'tcp-reset'],
        ['-i', IFACE, '-j', 'REJECT', '--reject-with', 'icmp-net-unreachable'],
        ['-o', IFACE, '-j', 'DROP'],
      ],
    },
    { family: 'ip6tables', hook: 'INPUT', chain: 'DOCKYARD-INPUT', rules: [['-i', IFACE, '-j', 'DROP']] },
    {
      family: 'ip6tables',
      hook: 'FORWARD',
      chain: 'DOCKYARD-FORWARD',
      rules: [['-i', IFACE, ...BRIDGED, '-j', 'ACCEPT'], ['-i', IFACE, '-j', 'DROP'], ['-o', IFACE, '-j', 'DROP']],
    },
  ];
}

/** Installs the rules if they differ from these (idempotent). Throws with iptables' words if it cannot. */
export async function ensureHostFirewall(mirrorPort: number): Promise<void> {
  for (const { family, hook, chain, rules } of chains(mirrorPort)) {
    const tables = (...args: string[]) => run(family, ['-w', ...args]);
    const current = await tables('-S', chain).then(({ stdout }) => stdout, () => undefined);
    const wanted = [`-N ${chain}`, ...rules.map((rule) => `-A ${chain} ${rule.join(' ')}`)].join('\n');
    if (current?.trim() !== wanted) {
      if (current === undefined) await tables('-N', chain);
      await tables('-F', chain);
      for (const rule of rules) await tables('-A', chain, ...rule);
    }
    // First in its hook, above Docker's own rules (its FORWARD policy drops bridged frames).
    const first = (await tables('-S', hook)).stdout.split('\n').find((line) => line.startsWith(`-A ${hook} `));
    if (first !== `-A ${hook} -j ${chain}`) {
      await tables('-D', hook, '-j', chain).catch(() => undefined);
      await tables('-I', hook, '1', '-j', chain);
    }
  }
}
