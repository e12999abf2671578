/**
 * Keeps a session's nodes on one cluster member: they share a /26 and reach each other
 * directly (Swarm's overlay too), which only one member's routes allow. Incus places the
 * session's first node (its scheduler: the member with the fewest instances); the others are
 * asked of Incus with `target` set to that member. A lab's nodes are made at the same time:
 * the first to ask leads, the others wait until the leader's node exists (not until it is
 * ready). Incus not clustered: there is nothing to place.
 */
export type Placement =
  /** The session's member is known: make the node there. */
  | { member: string }
  /** This node is the session's first: make it anywhere, then `settle` with where it went (undefined: it failed). */
  | { settle: (member: string | undefined) => void };

export class SessionPlacement {
  /** Sessions whose first node is being made: the others wait for its member. */
  private readonly leading = new Map<string, Promise<string | undefined>>();

  /** `locate`: the member of a node the session already has in Incus, if any (one made by an earlier start, or by another server). */
  constructor(private readonly locate: (sessionId: string) => Promise<string | undefined>) {}

  async join(sessionId: string): Promise<Placement> {
    for (;;) {
      const leader = this.leading.get(sessionId);
      if (!leader) break;
      const member = await leader;
      if (member) return { member };
      // The leader failed: the next one leads (or finds a node made meanwhile).
    }
    let settle!: (member: string | undefined) => void;
    const decided = new Promise<string | undefined>((resolve) => (settle = resolve));
    this.leading.set(sessionId, decided);
    const done = (member: string | undefined) => {
      if (this.leading.get(sessionId) === decided) this.leading.delete(sessionId);
      settle(member);
    };
    try {
      const member = await this.locate(sessionId);
      if (member) {
        done(member);
        return { member };
      }
    } catch (err) {
      done(undefined);
      throw err;
    }
    return { settle: done };
  }
}
