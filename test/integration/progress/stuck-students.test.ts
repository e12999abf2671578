/**
 * « Élèves en difficulté » through the real dashboard route, on the real (embedded) database
 * and the real course: sessions written as the session service writes them (without starting
 * machines) raise flags for the class's students on the class's labs only, a pass or an ended
 * session clears them, and only the class's instructor (or an admin) sees them.
 * Needs no lab node.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as resultsRoute } from '@/app/api/classes/[id]/results/route';
import type { StuckFlagView } from '@/server/progress/stuck-student-finder';
import { openPlatform, type Person, type Platform } from '../platform-fixture';
import { assign, setUpClass, signUpInTurn } from './class-setup';

const LAB = 'premiers-pas';
let platform: Platform;
let classId: string;
let teacher: Person, otherTeacher: Person, admin: Person, alice: Person, bob: Person, chloe: Person, outsider: Person;

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

interface SessionSetup {
  lab?: string;
  state?: 'running' | 'paused' | 'ended';
  idleMinutes?: number;
  pausedMinutesAgo?: number;
  /** 0-based steps, checked in this order. */
  checks?: Array<[number, boolean]>;
  events?: Array<{ step: number; kind: 'started' | 'hint' | 'solution' }>;
}

/** A lab session of `person` as the session service leaves it; returns its id. */
async function labSession(person: Person, setup: SessionSetup = {}): Promise<string> {
  const { lab = LAB, state = 'running', idleMinutes = 1, pausedMinutesAgo, checks = [], events = [] } = setup;
  const id = randomUUID();
  await platform.db.prisma.labSession.create({
    data: {
      id,
      ownerId: person.id,
      userId: person.id,
      lab,
      state,
      createdAt: minutesAgo(40),
      lastActiveAt: minutesAgo(idleMinutes),
      expiresAt: minutesAgo(-60),
      pausedAt: pausedMinutesAgo === undefined ? null : minutesAgo(pausedMinutesAgo),
      endedAt: state === 'ended' ? minutesAgo(1) : null,
    },
  });
  await addChecks(id, checks);
  for (const event of events) await platform.db.prisma.stepEvent.create({ data: { sessionId: id, ...event } });
  return id;
}

async function addChecks(sessionId: string, checks: Array<[number, boolean]>) {
  // One second apart, oldest first: the order the rules read them in.
  const start = Date.now() - checks.length * 1000;
  for (const [index, [step, passed]] of checks.entries()) {
    await platform.db.prisma.checkAttempt.create({
      data: { sessionId, step, passed, exitCode: passed ? 0 : 1, output: passed ? 'bravo' : 'aucun conteneur', durationMs: 100, createdAt: new Date(start + index * 1000) },
    });
  }
}

const dashboard = async (as: Person) => {
  const response = await platform.call(resultsRoute, `/api/classes/${classId}/results`, { as, params: { id: classId } });
  return { status: response.status, body: await response.json() };
};
const flags = async (as: Person = teacher): Promise<StuckFlagView[]> => (await dashboard(as)).body.stuck;
const describeFlags = (list: StuckFlagView[]) => list.map((flag) => [flag.studentName, flag.reason, flag.stepNumber, flag.count, flag.running]);

let aliceSession: string;

beforeAll(async () => {
  platform = await openPlatform();
  ({ teacher, otherTeacher, admin, alice, bob, chloe, outsider } = await signUpInTurn(platform, {
    teacher: { role: 'instructor', name: 'M. Leroy' },
    otherTeacher: { role: 'instructor', name: 'Mme Petit' },
    admin: { role: 'admin' },
    alice: { name: 'Alice Durand' },
    bob: { name: 'Bob Moreau' },
    chloe: { name: 'Chloé Bernard' },
    outsider: { name: 'Hors Classe' },
  }));
  classId = await setUpClass(platform, { name: 'BTS SIO 1', teacher, students: [alice, bob, chloe], assignments: [{ kind: 'lab', slug: LAB, dueAt: null }] });
});

afterAll(async () => platform?.close());

describe('students who are stuck, on the class dashboard', () => {
  it('has nobody to flag in a class that has not started', async () => {
    const { status, body } = await dashboard(teacher);
    expect(status).toBe(200);
    expect(body.stuck).toEqual([]);
    expect(body.results.students).toHaveLength(3);
  });

  it('flags three failures in a row, an idle lab and a solution shown, with the step numbered as on screen', async () => {
    aliceSession = await labSession(alice, { checks: [[0, true], [1, false], [1, false], [1, false]] });
    await labSession(bob, { idleMinutes: 12, events: [{ step: 0, kind: 'started' }, { step: 1, kind: 'started' }, { step: 2, kind: 'started' }] });
    await labSession(chloe, { events: [{ step: 0, kind: 'started' }, { step: 0, kind: 'solution' }] });
    const list = await flags();
    expect(describeFlags(list)).toEqual(
      expect.arrayContaining([
        ['Alice Durand', 'failures', 2, 3, true],
        ['Bob Moreau', 'idle', 3, 12, true],
        ['Chloé Bernard', 'solution', 1, 0, true],
      ]),
    );
    expect(list).toHaveLength(3);
    expect(list.find((flag) => flag.userId === alice.id)).toMatchObject({ sessionId: aliceSession, lab: LAB, labTitle: 'Premiers pas avec Docker' });
  });

  it('counts a fourth failure, and clears the flag once the student passes the step', async () => {
    await addChecks(aliceSession, [[1, false]]);
    expect(describeFlags((await flags()).filter((flag) => flag.userId === alice.id))).toEqual([['Alice Durand', 'failures', 2, 4, true]]);
    await addChecks(aliceSession, [[1, true]]);
    expect((await flags()).filter((flag) => flag.userId === alice.id)).toEqual([]);
  });

  it('keeps a lab paused a moment ago (without a live view), forgets one paused long ago or ended', async () => {
    const failing: SessionSetup = { checks: [[2, false], [2, false], [2, false]] };
    await assign(platform, teacher, classId, { kind: 'lab', slug: 'couches', dueAt: null });
    const before = (await flags()).length;
    const paused = await labSession(alice, { ...failing, lab: 'couches', state: 'paused', pausedMinutesAgo: 2 });
    await labSession(bob, { ...failing, lab: 'couches', state: 'paused', pausedMinutesAgo: 60 });
    await labSession(chloe, { ...failing, lab: 'couches', state: 'ended' });
    const list = await flags();
    expect(list).toHaveLength(before + 1);
    expect(list.find((flag) => flag.sessionId === paused)).toMatchObject({ reason: 'failures', stepNumber: 3, running: false, labTitle: expect.any(String) });
  });

  it('leaves out labs the class was not given and people outside the class', async () => {
    const failing: SessionSetup = { checks: [[0, false], [0, false], [0, false]] };
    const before = await flags();
    await labSession(bob, { ...failing, lab: 'reseaux' });
    await labSession(outsider, failing);
    expect(await flags()).toEqual(before);
  });
});

describe('who sees the flags', () => {
  it('is the class’s instructor or an admin: another instructor gets « not found », a student is refused', async () => {
    expect((await dashboard(admin)).body.stuck.length).toBeGreaterThan(0);
    const other = await dashboard(otherTeacher);
    expect(other.status).toBe(404);
    expect(other.body.message).toMatch(/n'existe pas, ou vous n'y avez pas accès/);
    expect((await dashboard(alice)).status).toBe(403);
  });

  it('refuses a class id that is not one, naming the parameter', async () => {
    const response = await platform.call(resultsRoute, '/api/classes/pas-un-id/results', { as: teacher, params: { id: 'pas-un-id' } });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('identifiant de classe invalide');
  });
});
