/**
 * A lab node's side of the internet, when the operator turns it on (DOCKYARD_INTERNET=on):
 * runtime/egress/node-egress.sh, sent on standard input and run inside the node before it
 * joins its session, points its tools (login shells, apt, pip, npm) at the host's egress
 * proxy. Sent rather than baked into the node's image, so that the image is the same
 * whether the internet is on or off, and a node never holds settings it must not use.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NODE_GATEWAY } from './node-instance';

/** The proxy's port on the node's gateway (runtime/egress/egress-ports.sh). */
export const EGRESS_PROXY_PORT = 3128;

/**
 * The command and its standard input, for the driver's exec(); `subnetPool`:
 * DOCKYARD_SANDBOX_SUBNETS. The session's node names are added as the last argument, per node.
 */
export function nodeEgressSetup(subnetPool: string): { command: string[]; stdin: string } {
  // Read when used: only a Dockyard with the internet on needs the file.
  const script = readFileSync(fileURLToPath(new URL('../egress/node-egress.sh', import.meta.url)), 'utf8');
  return { command: ['bash', '-s', '--', NODE_GATEWAY, String(EGRESS_PROXY_PORT), subnetPool], stdin: script };
}
