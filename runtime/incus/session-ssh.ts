/**
 * SSH between a session's machines, as Killercoda's multi-machine scenarios use it (`ssh
 * node01` from `controlplane`): every node of a session holds the same root key pair, which
 * its own authorized_keys trusts, so each node reaches every other one as root, and only
 * those. The key never leaves the session: the first node to join makes it inside itself, and
 * each later one gets a copy from a node already in (joins in a session go one at a time,
 * session-join.ts). Each node's sshd is started by images/lab-node/join-session.sh.
 */

/** Runs a command inside a node, with some standard input; resolves to its output. */
export type KeyRunner = (name: string, script: string, stdin?: string) => Promise<string>;

const KEY = '/root/.ssh/id_ed25519';
/** Prints the node's session key, made first if it has none (the session's first node). */
const KEY_OF_NODE = `set -e; umask 077; mkdir -p /root/.ssh
[ -s ${KEY} ] || ssh-keygen -q -t ed25519 -N '' -C dockyard-session -f ${KEY} </dev/null >/dev/null 2>&1
cat ${KEY}`;
/** Installs the key given on standard input and trusts it, once. */
const TRUST_KEY = `set -e; umask 077; mkdir -p /root/.ssh
cat > ${KEY}.new && mv ${KEY}.new ${KEY}
ssh-keygen -y -f ${KEY} > ${KEY}.pub
touch /root/.ssh/authorized_keys
grep -qxF "$(cat ${KEY}.pub)" /root/.ssh/authorized_keys || cat ${KEY}.pub >> /root/.ssh/authorized_keys`;

/**
 * Gives `newcomer` the session's key, taken from `source` (a node already in the session,
 * or the newcomer itself when it is the first), and makes both trust it.
 */
export async function shareSessionKey(newcomer: string, source: string, run: KeyRunner): Promise<void> {
  const key = await run(source, KEY_OF_NODE);
  if (!key.includes('PRIVATE KEY')) throw new Error(`no session key on ${source}: ${key.slice(0, 200)}`);
  const targets = source === newcomer ? [newcomer] : [source, newcomer];
  await Promise.all(targets.map((target) => run(target, TRUST_KEY, key)));
}
