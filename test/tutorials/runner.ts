/**
 * Replays a tutorial, a list of commands in the style of public beginner tutorials, in real
 * lab machines started through the real driver, as a student would type them one after the
 * other, and fails on the first command whose result is not what the student expects to see.
 */
import { randomUUID } from 'node:crypto';
import type { SandboxRef } from '@/runtime/driver';
import { killercodaAliases } from '@/server/content/killercoda-hosts';
import { SANDBOX_IMAGE } from '../integration/runtime/fixtures';
import type { testDriver } from '../integration/runtime/test-driver';

type Driver = ReturnType<typeof testDriver>;

export interface Step {
  /** What the student types, run from their home by a login shell (their PATH, the docker wrapper). */
  run: string;
  /** The machine it is typed on; the session's first by default. */
  on?: string;
  /** What the student expects to read in its output (standard output and error). */
  see?: RegExp;
  /** What must not appear, e.g. a task on a drained node. */
  notSee?: RegExp;
  /** Its exit code, 0 unless told. */
  code?: number;
  /**
   * Seconds during which a student would type it again until it passes: what converges
   * (the swarm placing tasks, a server starting), not what should work at once.
   */
  retry?: number;
}

export interface Tutorial {
  title: string;
  steps: Step[];
}

export interface Session {
  nodes: Map<string, SandboxRef>;
  /** A command run in a node as the student would type it, with its exit code and output. */
  type(node: string, command: string): Promise<{ code: number; out: string }>;
}

/** A lab session's nodes, created at once with one session id, as a lab start makes them. */
export async function startSession(driver: Driver, names: string[], made: SandboxRef[]): Promise<Session> {
  const sessionId = `tuto-${randomUUID().slice(0, 8)}`;
  const aliases = killercodaAliases(names);
  const refs = await Promise.all(
    names.map((node, i) =>
      // Recorded as soon as it exists, so that the caller removes it even if another fails.
      driver.create({ sessionId, lab: 'tutorials', image: SANDBOX_IMAGE, node, aliases: aliases[i] }).then((ref) => (made.push(ref), ref)),
    ),
  );
  const nodes = new Map(refs.map((ref) => [ref.node, ref]));
  return {
    nodes,
    async type(node, command) {
      const ref = nodes.get(node);
      if (!ref) throw new Error(`pas de machine ${node} dans cette session`);
      const { exitCode, output } = await driver.exec(ref.id, ['bash', '-lc', `cd ~ && ${command}`], { timeoutMs: 180_000 });
      return { code: exitCode, out: output };
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Why a step's result is not what the student expects, or undefined when it is. */
function mismatch(step: Step, code: number, out: string): string | undefined {
  const expected = step.code ?? 0;
  if (code !== expected) return `code ${code}, attendu ${expected}`;
  if (step.see && !step.see.test(out)) return `${step.see} n'apparaît pas`;
  if (step.notSee?.test(out)) return `${step.notSee} apparaît`;
  return undefined;
}

/** Types each command in turn; throws with the first failing one and its output. */
export async function replay(session: Session, tutorial: Tutorial): Promise<void> {
  const first = [...session.nodes.keys()][0]!;
  for (const [index, step] of tutorial.steps.entries()) {
    const on = step.on ?? first;
    const deadline = Date.now() + (step.retry ?? 0) * 1000;
    for (;;) {
      const { code, out } = await session.type(on, step.run);
      const why = mismatch(step, code, out);
      if (!why) break;
      if (Date.now() >= deadline) {
        throw new Error(`« ${tutorial.title} », commande ${index + 1} sur ${on} : ${why}\n$ ${step.run}\n${out}`);
      }
      await sleep(1000);
    }
  }
}
