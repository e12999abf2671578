/**
 * Swarm tutorials replayed on three-node sessions made as a lab start makes them (one session
 * id, node1..3 created at once through the real driver), a fresh one for each: init/join, services, scale, drain,
 * overlay networks, a stack. Also what they rest on: `hostname -i` is the address the other
 * nodes reach, and a port published in ingress mode gets Dockyard's note when, and only
 * when, the kernel has no IPVS (runtime/images/lab-node/swarm-notes.sh).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxRef } from '@/runtime/driver';
import { requireImages, TEST_INSTANCE } from '../integration/runtime/fixtures';
import { testDriver } from '../integration/runtime/test-driver';
import { replay, startSession, type Session } from './runner';
import { formSwarm, swarmTutorials } from './swarm';

const driver = testDriver(`${TEST_INSTANCE}-tutorials-swarm-${randomUUID().slice(0, 8)}`);
const made: SandboxRef[] = [];
const names = ['node1', 'node2', 'node3'];
let session: Session;

/** Runs a command that must succeed; its output otherwise fails the test. */
async function ok(node: string, command: string): Promise<string> {
  const { code, out } = await session.type(node, command);
  if (code !== 0) throw new Error(`code ${code} sur ${node} pour :\n${command}\n---\n${out}`);
  return out;
}

beforeAll(async () => {
  await requireImages();
  await driver.prepare();
});

// Each tutorial in a session of its own, machines as a student finds them: a swarm left and
// formed again on the same machines keeps stale gossip state (measured: a worker's DNS then
// knew only its own tasks for more than 30 s), which no student would meet. Three nodes are
// made in a few seconds.
beforeEach(async () => {
  session = await startSession(driver, names, made);
});

afterEach(async () => {
  await Promise.all(made.splice(0).map((node) => driver.destroy(node.id)));
});

afterAll(async () => {
  await Promise.all(made.map((node) => driver.destroy(node.id)));
  await driver.stop();
});

describe('public-style Swarm tutorials on a three-node lab session', () => {
  it.each(swarmTutorials.map((t) => [t.title, t] as const))('%s', async (_title, tutorial) => {
    await replay(session, tutorial);
  });
});

describe('`hostname -i` on a multi-node session', () => {
  /** Each node's `hostname -i`, and the address its name has on the other nodes. */
  async function addresses(): Promise<Array<{ own: string; seen: string[] }>> {
    return Promise.all(
      names.map(async (node) => ({
        own: await ok(node, 'hostname -i'),
        seen: await Promise.all(names.filter((n) => n !== node).map((other) => ok(other, `getent hosts ${node} | cut -d' ' -f1`))),
      })),
    );
  }

  it('is exactly one address, the one the other nodes reach, before and after a swarm with docker0, docker_gwbridge and overlays', async () => {
    for (const when of ['avant', 'après']) {
      if (when === 'après') {
        await replay(session, { title: 'essaim', steps: formSwarm });
        await ok('node1', 'docker network create -d overlay --attachable essai-overlay && docker run -d --network essai-overlay alpine sleep 300');
        // The bridges and the overlay's interfaces are there: hostname -i still ignores them.
        expect(await ok('node1', 'ip -4 -o addr | wc -l')).toMatch(/^[4-9]\n$/);
      }
      for (const [i, { own, seen }] of (await addresses()).entries()) {
        expect(own, `${names[i]} ${when}`).toMatch(/^\d+\.\d+\.\d+\.\d+\n$/);
        expect(seen, `${names[i]} ${when}`).toEqual([own, own]);
      }
    }
    // A worker reaches the manager at that address (the join command printed by `swarm init`).
    expect(await ok('node1', 'docker swarm join-token worker')).toContain(`${(await ok('node1', 'hostname -i')).trim()}:2377`);
  });
});

describe('a port published in ingress mode', () => {
  const note = /^Remarque de Dockyard : le port 8080 est publié en mode ingress \(routing mesh\), qui repose sur IPVS, absent du noyau de cette machine/m;

  it('gets a note with the host-mode alternative exactly when the kernel has no IPVS, and the alternative answers', async () => {
    await replay(session, { title: 'essaim', steps: formSwarm });
    // Measured in the node at each run: on a runtime whose kernel has IPVS, the mesh must work and no note shows.
    const ipvs = (await session.type('node1', 'test -e /proc/net/ip_vs')).code === 0;
    // The note goes to standard error only, after the client's output, and the exit code is the client's.
    const created = await session.type('node1', 'docker service create -q --name web -p 8080:80 nginx 2>/tmp/erreurs; echo "code $?"; cat /tmp/erreurs');
    expect(created.out).toMatch(/^\w{25}\ncode 0\n/);
    const curl = await session.type('node1', 'curl -sS -m 5 http://localhost:8080');
    if (ipvs) {
      expect(created.out).not.toMatch(/Remarque de Dockyard/);
      expect(curl.out).toContain('Welcome to nginx!');
      return;
    }
    expect(created.out).toMatch(note);
    expect(created.out).toContain('\n  --publish published=8080,target=80,mode=host\n');
    expect(curl.out).toMatch(/Failed to connect to localhost port 8080/);
    // A command that fails says nothing more than its error.
    const failed = await session.type('node1', 'docker service create --name web -p 8080:80 nginx');
    expect(failed.code).toBe(1);
    expect(failed.out).not.toMatch(/Remarque de Dockyard/);
    // The alternative, as the note gives it: every node answers, no note.
    const hostMode = await session.type('node1', 'docker service rm web && docker service create --name web --mode global --publish published=8080,target=80,mode=host nginx');
    expect(hostMode.out).not.toMatch(/Remarque de Dockyard/);
    for (const node of names) {
      await replay(session, { title: `mode host sur ${node}`, steps: [{ on: node, run: 'curl -s http://localhost:8080', see: /Welcome to nginx!/, retry: 20 }] });
    }
    // In a compose file, the short syntax is ingress: the note gives the long one, mode host.
    await ok('node1', `printf 'services:\\n  web:\\n    image: nginx:alpine\\n    ports:\\n      - "8080:80"\\n' >pile.yml`);
    const stack = await session.type('node1', 'docker service rm web >/dev/null && docker stack deploy -c pile.yml pile');
    expect(stack.code).toBe(0);
    expect(stack.out).toMatch(/^Remarque de Dockyard : pile\.yml publie le port 8080 en mode ingress/m);
    expect(stack.out).toContain('    ports:\n      - target: 80\n        published: 8080\n        mode: host\n');
  });
});
