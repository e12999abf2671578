/**
 * Students' labs on a real two-member Incus cluster (test/cluster/cluster-rig.sh), through
 * what a Dockyard server runs: the session service, the reaper at its default interval, a
 * real database, the Incus driver on m1's socket (Incus forwards to m2 what concerns it).
 *
 * Shown here: 20 sessions spread by Incus's own placement over both members, each session's
 * nodes on one member (a three-node swarm lab included); capacity counts the members that
 * take labs. m2's incusd killed with SIGKILL: its sessions end as « machine-down » within
 * 60 s, their students told why; m1's go on; new labs start on m1, and capacity shrinks to
 * m1's places. m2 back: the nodes it kept are removed (nothing left). m2 evacuated for
 * maintenance (`incus cluster evacuate`): its sessions end as « maintenance »; restored; a
 * paused lab of m2 resumes on m1 while m2 is in maintenance. m2
 * cut off from m1 (every packet on its cluster link dropped): its session ends as
 * « machine-down » too, and its node is removed once the link is back.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IncusSandboxDriver } from '@/runtime/incus/incus-driver';
import type { Database } from '@/server/db/database';
import { toEnvelope } from '@/server/errors';
import { endedMessage } from '@/server/sessions/end-reasons';
import { findLabSpec } from '@/server/sessions/find-lab-spec';
import { Reaper } from '@/server/sessions/reaper';
import { SessionService } from '@/server/sessions/session-service';
import type { SessionView } from '@/server/sessions/session-view';
import { requireImages, TEST_INSTANCE } from '../runtime/fixtures';
import { openTestDatabase } from '../test-database';

const run = promisify(execFile);
const RIG = 'test/cluster/cluster-rig.sh';
const RIG_DIR = process.env.DOCKYARD_CLUSTER_RIG_DIR ?? '/var/lib/dockyard-test-cluster';
const M1 = `${RIG_DIR}/m1`;
const PER_MACHINE = 12;
/** The server's default (server/env.ts): what a student waits for, for real. */
const REAPER_INTERVAL_MS = 15_000;

const instance = `${TEST_INSTANCE}-cluster-sessions`;
const driver = new IncusSandboxDriver({ socketPath: `${M1}/unix.socket`, instance });
let db: Database;
let sessions: SessionService;
let reaper: Reaper;
/** What each student was told when their session ended without them asking. */
const told = new Map<string, string>();

const incus = async (...args: string[]) => (await run('incus', args, { env: { ...process.env, INCUS_DIR: M1 } })).stdout;
const rig = (command: 'up') => run('bash', [RIG, command], { maxBuffer: 16 * 1024 * 1024 });

/** Where each of this test's nodes runs, by session. */
async function membersBySession(): Promise<Map<string, Set<string>>> {
  // A silent member's instances come with `config: null`.
  const nodes = JSON.parse(await incus('query', '/1.0/instances?recursion=1')) as Array<{ location: string; config: Record<string, string> | null }>;
  const bySession = new Map<string, Set<string>>();
  for (const node of nodes.filter((n) => n.config?.['user.dockyard.instance'] === instance)) {
    const session = node.config?.['user.dockyard.session'] ?? '';
    bySession.set(session, (bySession.get(session) ?? new Set()).add(node.location));
  }
  return bySession;
}

const memberOf = async (session: SessionView) => [...((await membersBySession()).get(session.id) ?? [])].join(',');
const stateOf = async (id: string) => db.prisma.labSession.findUniqueOrThrow({ where: { id }, select: { state: true, endReason: true } });
/** Whose each session is (SessionView does not say). */
const owners = new Map<string, string>();
async function start(lab = 'premiers-pas'): Promise<SessionView> {
  const owner = `etudiant-${randomUUID()}`;
  const session = await sessions.start(owner, lab);
  owners.set(session.id, owner);
  return session;
}
const ownerOf = (session: SessionView) => owners.get(session.id) ?? '';

async function waitFor(what: string, timeoutMs: number, done: () => Promise<boolean>): Promise<number> {
  const began = Date.now();
  while (!(await done())) {
    if (Date.now() - began > timeoutMs) throw new Error(`${what} : toujours pas après ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  return Date.now() - began;
}

/** Labs started while m1 takes none (Incus's own manual placement): they land on m2. */
async function startOnM2(labs: string[]): Promise<SessionView[]> {
  await incus('cluster', 'set', 'm1', 'scheduler.instance', 'manual');
  try {
    return await Promise.all(labs.map((lab) => start(lab)));
  } finally {
    await incus('cluster', 'unset', 'm1', 'scheduler.instance');
  }
}

/** m2 cut off from the other member (its cluster link drops everything), or joined again. */
const CUT = [
  'table inet rigcut {',
  '  chain input { type filter hook input priority -10; iifname "lan0" drop; }',
  '  chain output { type filter hook output priority -10; oifname "lan0" drop; }',
  '}',
].join('\n');
const cutOffM2 = () => run('ip', ['netns', 'exec', 'dkc-m2', 'bash', '-c', `nft -f - <<'EOF'\n${CUT}\nEOF`]);
const joinM2 = () => run('ip', ['netns', 'exec', 'dkc-m2', 'nft', 'delete', 'table', 'inet', 'rigcut']);

const membersOnline = async () => (await incus('cluster', 'list', '-f', 'csv', '-c', 'n,s')).trim();

beforeAll(async () => {
  await requireImages();
  await rig('up');
  await driver.prepare();
  db = await openTestDatabase();
  sessions = new SessionService({
    prisma: db.prisma,
    driver,
    findLab: findLabSpec,
    capacity: { perOwner: 3, perMachine: PER_MACHINE },
    pauses: { keepDays: 14, quotaMiB: 10 * 1024 },
    onEnded: (sessionId, reason) => {
      const message = endedMessage(reason);
      if (message) told.set(sessionId, message);
    },
  });
  reaper = new Reaper({ prisma: db.prisma, driver, sessions, idleTimeoutMs: 3_600_000, isAttached: () => true, log: (m) => console.info(m) });
  reaper.start(REAPER_INTERVAL_MS);
}, 600_000);

afterAll(async () => {
  reaper?.stop();
  await joinM2().catch(() => undefined);
  await rig('up').catch(() => undefined);
  await incus('cluster', 'restore', 'm2', '--force').catch(() => undefined);
  const running = await db?.prisma.labSession.findMany({ where: { state: 'running' }, select: { id: true } });
  await Promise.all((running ?? []).map((s) => sessions.endSession(s.id, 'test-cleanup').catch(() => undefined)));
  await reaper?.reconcile().catch(() => undefined);
  await driver.stop().catch(() => undefined);
  await db?.close();
}, 300_000);

describe('lab sessions on a two-member cluster', () => {
  const started: SessionView[] = [];
  let onM1: SessionView[] = [];
  let onM2: SessionView[] = [];

  it('spreads 20 sessions over both members, each session’s nodes on one member', async () => {
    expect(await membersOnline()).toBe('m1,ONLINE\nm2,ONLINE');
    const labs = ['swarm', 'swarm', ...Array<string>(18).fill('premiers-pas')];
    // Four at a time, as a class clicking « Démarrer » together would.
    for (let i = 0; i < labs.length; i += 4) started.push(...(await Promise.all(labs.slice(i, i + 4).map((lab) => start(lab)))));
    const members = await membersBySession();
    for (const session of started) expect([...(members.get(session.id) ?? [])], session.lab).toHaveLength(1);
    expect(started.filter((s) => s.lab === 'swarm').every((s) => s.nodes.length === 3)).toBe(true);
    onM1 = [];
    onM2 = [];
    for (const session of started) ((await memberOf(session)) === 'm1' ? onM1 : onM2).push(session);
    console.info(`répartition : ${onM1.length} sessions sur m1, ${onM2.length} sur m2`);
    expect(onM1.length).toBeGreaterThan(0);
    expect(onM2.length).toBeGreaterThan(0);
    expect(onM1.length).toBeLessThanOrEqual(PER_MACHINE);
    // The whole cluster's places: 20 running out of 2 × 12.
    expect((await driver.machines()).map((m) => `${m.name}:${m.state}`)).toEqual(['m1:online', 'm2:online']);
  }, 600_000);

  it('ends the sessions of a member whose incusd is killed within 60 s, telling their students; the others go on', async () => {
    await run('kill', ['-KILL', (await readFile(`${RIG_DIR}/m2.pid`, 'utf8')).trim()]);
    const took = await waitFor('sessions de m2 terminées', 60_000, async () =>
      (await Promise.all(onM2.map((s) => stateOf(s.id)))).every((s) => s.state === 'ended'),
    );
    console.info(`sessions de m2 terminées ${(took / 1000).toFixed(0)} s après la mort de son incusd`);
    for (const session of onM2) {
      expect(await stateOf(session.id)).toEqual({ state: 'ended', endReason: 'machine-down' });
      expect(told.get(session.id)).toMatch(/Le serveur qui faisait tourner ce lab ne répond plus .*Relancez le lab/);
    }
    for (const session of onM1) expect((await stateOf(session.id)).state).toBe('running');
    // A student of m1 still types into their machine.
    const [survivor] = onM1;
    if (!survivor) throw new Error('aucune session sur m1');
    const { sandboxId } = await sessions.sandboxFor(ownerOf(survivor), survivor.id);
    expect((await driver.exec(sandboxId, ['hostname'])).output.trim()).toBe('node1');
  }, 120_000);

  it('starts new labs on m1 only, and counts only m1’s places', async () => {
    expect((await driver.machines()).map((m) => `${m.name}:${m.state}`)).toEqual(['m1:online', 'm2:down']);
    const room = PER_MACHINE - onM1.length;
    const fresh = await Promise.all(Array.from({ length: room }, () => start()));
    for (const session of fresh) expect(await memberOf(session)).toBe('m1');
    onM1.push(...fresh);
    const refused = toEnvelope(await start().catch((error: unknown) => error));
    expect(refused.status).toBe(503);
    expect(refused.body.detail).toBe(`Les ${PER_MACHINE} places de cette machine sont occupées par des labs en cours.`);
  }, 300_000);

  it('removes what m2 kept once it is back: nothing left behind', async () => {
    await rig('up');
    expect(await membersOnline()).toBe('m1,ONLINE\nm2,ONLINE');
    await waitFor('nœuds de m2 supprimés', 90_000, async () => {
      const members = await membersBySession();
      return onM2.every((s) => !members.has(s.id));
    });
    const left = [...(await membersBySession()).values()].filter((m) => m.has('m2'));
    expect(left).toEqual([]);
  }, 180_000);

  it('ends the sessions of a member evacuated for maintenance, and starts new ones elsewhere', async () => {
    // Room on m1 first: its students finish.
    await Promise.all(onM1.slice(0, 4).map((s) => sessions.end(ownerOf(s), s.id)));
    const onM2Now = await startOnM2(['premiers-pas', 'swarm']);
    for (const session of onM2Now) expect(await memberOf(session)).toBe('m2');
    await incus('cluster', 'evacuate', 'm2', '--force');
    try {
      await waitFor('sessions de m2 terminées (maintenance)', 60_000, async () =>
        (await Promise.all(onM2Now.map((s) => stateOf(s.id)))).every((s) => s.state === 'ended'),
      );
      for (const session of onM2Now) {
        expect(await stateOf(session.id)).toEqual({ state: 'ended', endReason: 'maintenance' });
        expect(told.get(session.id)).toMatch(/mis en maintenance/);
      }
      const next = await start();
      expect(await memberOf(next)).toBe('m1');
      await waitFor('nœuds de m2 supprimés', 60_000, async () => !(await membersBySession()).has(onM2Now[0]?.id ?? ''));
    } finally {
      await incus('cluster', 'restore', 'm2', '--force');
    }
  }, 300_000);

  it('resumes a paused lab on m1 when its own member, m2, is in maintenance: its files come along', async () => {
    const [paused] = await startOnM2(['premiers-pas']);
    if (!paused) throw new Error('pas de session sur m2');
    const owner = ownerOf(paused);
    const { sandboxId } = await sessions.sandboxFor(owner, paused.id);
    await driver.exec(sandboxId, ['bash', '-c', 'echo "gardé sur m2" >/root/travail.txt']);
    await sessions.pause(owner, paused.id);
    await incus('cluster', 'evacuate', 'm2', '--force');
    try {
      // Still paused: evacuation moves no stopped node, and ends no paused lab.
      expect(await stateOf(paused.id)).toEqual({ state: 'paused', endReason: null });
      const resumed = await sessions.resume(owner, paused.id);
      expect(resumed.state).toBe('running');
      expect(await memberOf(paused)).toBe('m1');
      const file = await driver.exec(sandboxId, ['cat', '/root/travail.txt']);
      expect(file.output).toBe('gardé sur m2\n');
    } finally {
      await incus('cluster', 'restore', 'm2', '--force');
    }
    await sessions.end(owner, paused.id);
  }, 300_000);

  it('ends the sessions of a member cut off from the network the same way, and removes its nodes once it is back', async () => {
    const [cut] = await startOnM2(['premiers-pas']);
    if (!cut) throw new Error('pas de session sur m2');
    expect(await memberOf(cut)).toBe('m2');
    await cutOffM2();
    try {
      const took = await waitFor('session de m2 terminée (coupure)', 60_000, async () => (await stateOf(cut.id)).state === 'ended');
      console.info(`session de m2 terminée ${(took / 1000).toFixed(0)} s après la coupure`);
      expect(await stateOf(cut.id)).toEqual({ state: 'ended', endReason: 'machine-down' });
      expect(told.get(cut.id)).toMatch(/ne répond plus/);
    } finally {
      await joinM2();
    }
    await waitFor('m2 de nouveau en ligne', 90_000, async () => (await membersOnline()) === 'm1,ONLINE\nm2,ONLINE');
    await waitFor('nœud de m2 supprimé', 60_000, async () => !(await membersBySession()).has(cut.id));
  }, 300_000);
});
