/**
 * One rule set on the host, for every session bridge (`dy-*`): a sandbox may answer the host
 * (the server proxies terminals' previews to it) but never open a connection to the host.
 * Docker's own rules cover the FORWARD path (other bridges, the outside); they do not cover
 * INPUT, so without this a sandbox reaches every service listening on the host.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { SESSION_BRIDGE_PREFIX } from './session-network';

const run = promisify(execFile);
const IFACE = `${SESSION_BRIDGE_PREFIX}+`;
const RULES: string[][] = [
  ['-i', IFACE, '-m', 'conntrack', '--ctstate', 'ESTABLISHED,RELATED', '-j', 'ACCEPT'],
  ['-i', IFACE, '-j', 'DROP'],
];

/** Installs the rules if missing (idempotent). Throws with iptables' words if it cannot. */
export async function ensureHostFirewall(): Promise<void> {
  const iptables = (...args: string[]) => run('iptables', ['-w', ...args]);
  const present = await Promise.all(RULES.map((rule) => iptables('-C', 'INPUT', ...rule).then(() => true, () => false)));
  if (present.every(Boolean)) return;
  // Order matters (ACCEPT above DROP): put the whole set back at the top.
  for (const rule of RULES) await iptables('-D', 'INPUT', ...rule).catch(() => undefined);
  for (const rule of [...RULES].reverse()) await iptables('-I', 'INPUT', '1', ...rule);
}
