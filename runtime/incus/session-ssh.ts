/**
 * SSH between a session's machines, as Killercoda's multi-machine scenarios use it (`ssh
 * node01` from `controlplane`): each node makes its own root key pair, and every node of the
 * session trusts the public keys of all of them, so each node reaches every other one as
 * root, and only those. Private keys never leave their node. Run at each join, over the
 * session's nodes listed then (joins in a session go one at a time, session-join.ts): the
 * last join trusts them all, whatever order they came in. Each node's sshd is started by
 * images/lab-node/join-session.sh.
 */

/** Runs a shell script inside a node, with some standard input; resolves to its output. */
export type KeyRunner = (name: string, script: string, stdin?: string) => Promise<string>;

/** The comment that marks the keys Dockyard manages: the student's own lines are kept. */
const MARKER = 'dockyard-session';
const KEY = '/root/.ssh/id_ed25519';
/** Prints the node's public key, made first if it has none. */
const PUBLIC_KEY_OF_NODE = `set -e; umask 077; mkdir -p /root/.ssh
[ -s ${KEY} ] || ssh-keygen -q -t ed25519 -N '' -C ${MARKER} -f ${KEY} </dev/null >/dev/null 2>&1
[ -s ${KEY}.pub ] || ssh-keygen -y -f ${KEY} > ${KEY}.pub
cat ${KEY}.pub`;
/** Replaces the managed lines of authorized_keys with those on standard input. */
const TRUST_KEYS = `set -e; umask 077; mkdir -p /root/.ssh; touch /root/.ssh/authorized_keys
{ grep -v ' ${MARKER}$' /root/.ssh/authorized_keys || true; cat; } > /root/.ssh/authorized_keys.new
mv /root/.ssh/authorized_keys.new /root/.ssh/authorized_keys`;
const PUBLIC_KEY_LINE = new RegExp(`^ssh-ed25519 [A-Za-z0-9+/=]+ ${MARKER}$`);

/** Makes every one of `members` (a session's nodes) trust the keys of all of them. */
export async function trustSessionKeys(members: string[], run: KeyRunner): Promise<void> {
  const keys = await Promise.all(
    members.map(async (name) => {
      const key = (await run(name, PUBLIC_KEY_OF_NODE)).trim();
      if (!PUBLIC_KEY_LINE.test(key)) throw new Error(`no session key on ${name}: ${key.slice(0, 200)}`);
      return key;
    }),
  );
  const trusted = `${[...new Set(keys)].join('\n')}\n`;
  await Promise.all(members.map((name) => run(name, TRUST_KEYS, trusted)));
}
