/**
 * Who gets a student's terminal recording, through the real route handlers on a real
 * (embedded) database: the class's instructor and an admin (for the player), a grader token
 * of that class (the .cast file), and nobody else — not another instructor, not the student,
 * not another class's token. The .cast carries a mark at each check, hint and pause. Old
 * recordings go when their days are over. Needs no lab machine: the pieces are written as the
 * recorder writes them.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as createRoute } from '@/app/api/classes/route';
import { GET as viewRoute } from '@/app/api/classes/[id]/route';
import { POST as joinRoute } from '@/app/api/classes/join/route';
import { POST as createTokenRoute } from '@/app/api/classes/[id]/tokens/route';
import { GET as castRoute } from '@/app/api/classes/[id]/sessions/[sessionId]/recording/route';
import { GET as recordedRoute } from '@/app/api/classes/[id]/recordings/route';
import { GET as graderCastRoute } from '@/app/api/grader/v1/classes/[id]/sessions/[sessionId]/recording/route';
import { encodePiece } from '@/server/recordings/piece-codec';
import { setUpRecordings } from '@/server/recordings/recording-setup';
import { RecordingStore } from '@/server/recordings/recording-store';
import { ORIGIN, openPlatform, type Person, type Platform } from '../platform-fixture';

let platform: Platform;
let teacher: Person;
let otherTeacher: Person;
let admin: Person;
let alice: Person;
let outsider: Person;
let classId: string;
let otherClassId: string;
/** Alice's recorded session, her session without a recording, and the outsider's recorded one. */
let recorded: string;
let unrecorded: string;
let outsiderSession: string;
const START = new Date('2027-01-10T09:00:00Z');
const later = (ms: number) => new Date(START.getTime() + ms);

const json = async (response: Response) => ({ status: response.status, body: await response.json() });

async function createClass(as: Person, name: string): Promise<string> {
  return (await json(await platform.call(createRoute, '/api/classes', { as, body: { name } }))).body.class.id;
}

async function join(as: Person, id: string, owner: Person) {
  const managed = (await json(await platform.call(viewRoute, `/api/classes/${id}`, { as: owner, params: { id } }))).body.view.managed;
  await platform.call(joinRoute, '/api/classes/join', { as, body: { code: managed.joinCode } });
}

async function labSession(student: Person): Promise<string> {
  const id = randomUUID();
  await platform.db.prisma.labSession.create({ data: { id, ownerId: student.id, userId: student.id, lab: 'premiers-pas', state: 'ended', expiresAt: START, endedAt: later(60_000), createdAt: START } });
  return id;
}

/** One piece as the recorder writes it: the student types `docker ps`, the shell answers. */
async function recordPiece(sessionId: string) {
  await new RecordingStore(platform.db.prisma).save({
    sessionId,
    node: 'node1',
    writer: randomUUID(),
    seq: 0,
    startedAt: START,
    endedAt: later(3_000),
    eventCount: 4,
    dropped: 0,
    data: await encodePiece([
      [0, 'r', '100x30'],
      [0, 'o', '$ '],
      [1_000, 'i', 'docker ps\r'],
      [3_000, 'o', 'docker ps\r\nCONTAINER ID   IMAGE\r\n$ '],
    ]),
  });
}

const castAs = (as: Person, id: string, sessionId: string) =>
  platform.call(castRoute, `/api/classes/${id}/sessions/${sessionId}/recording`, { as, params: { id, sessionId } });

const castWithToken = (token: string, id: string, sessionId: string) =>
  graderCastRoute(new Request(`${ORIGIN}/api/grader/v1/classes/${id}/sessions/${sessionId}/recording`, { headers: { authorization: `Bearer ${token}` } }), {
    params: Promise.resolve({ id, sessionId }),
  });

const makeToken = async (as: Person, id: string) =>
  (await json(await platform.call(createTokenRoute, `/api/classes/${id}/tokens`, { as, body: { name: 'Moodle' }, params: { id } }))).body.token as string;

function eventsOf(cast: string) {
  const [header, ...events] = cast.trimEnd().split('\n').map((line) => JSON.parse(line) as unknown);
  return { header: header as Record<string, unknown>, events: events as Array<[number, string, string]> };
}

beforeAll(async () => {
  platform = await openPlatform();
  teacher = await platform.signUp({ role: 'instructor', name: 'M. Leroy' });
  otherTeacher = await platform.signUp({ role: 'instructor', name: 'Mme Petit' });
  admin = await platform.signUp({ role: 'admin', name: 'Admin' });
  alice = await platform.signUp({ name: 'Alice Durand' });
  outsider = await platform.signUp({ name: 'Oscar Martin' });
  classId = await createClass(teacher, 'BTS SIO 2');
  otherClassId = await createClass(otherTeacher, 'Licence pro');
  await join(alice, classId, teacher);
  await join(outsider, otherClassId, otherTeacher);
  recorded = await labSession(alice);
  unrecorded = await labSession(alice);
  outsiderSession = await labSession(outsider);
  await recordPiece(recorded);
  await recordPiece(outsiderSession);
  const { prisma } = platform.db;
  await prisma.stepEvent.create({ data: { sessionId: recorded, step: 0, kind: 'hint', hint: 0, createdAt: later(500) } });
  await prisma.checkAttempt.create({ data: { sessionId: recorded, step: 0, passed: false, exitCode: 1, output: 'aucun conteneur', durationMs: 50, createdAt: later(2_000) } });
  await prisma.checkAttempt.create({ data: { sessionId: recorded, step: 0, passed: true, exitCode: 0, output: 'ok', durationMs: 50, createdAt: later(3_000) } });
  await prisma.sessionEvent.create({ data: { sessionId: recorded, kind: 'paused', reason: 'student', createdAt: later(4_000) } });
});

afterAll(async () => platform?.close());

describe('terminal recordings', () => {
  it('give the class’s instructor the .cast, with a mark at each hint, check and pause in place', async () => {
    const response = await castAs(teacher, classId, recorded);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/x-asciicast/);
    const { header, events } = eventsOf(await response.text());
    expect(header).toMatchObject({ version: 2, width: 100, height: 30 });
    expect(events.filter(([, code]) => code !== 'm')).toEqual([
      [0, 'r', '100x30'],
      [0, 'o', '$ '],
      [1, 'i', 'docker ps\r'],
      [3, 'o', 'docker ps\r\nCONTAINER ID   IMAGE\r\n$ '],
    ]);
    expect(events.filter(([, code]) => code === 'm')).toEqual([
      [0.5, 'm', "Indice 1 de l'étape 1"],
      [2, 'm', "Vérification de l'étape 1 : échouée"],
      [3, 'm', "Vérification de l'étape 1 : réussie"],
      [4, 'm', "Pause (par l'étudiant)"],
    ]);
  });

  it('give an admin the same file', async () => {
    expect((await castAs(admin, classId, recorded)).status).toBe(200);
  });

  it('are refused to another instructor, to the student, and for a student of another class, as if they did not exist', async () => {
    expect((await castAs(otherTeacher, classId, recorded)).status).toBe(404);
    expect((await castAs(otherTeacher, otherClassId, recorded)).status).toBe(404);
    expect((await castAs(teacher, classId, outsiderSession)).status).toBe(404);
    const student = await castAs(alice, classId, recorded);
    expect(student.status).toBe(403);
    expect(await student.text()).not.toContain('docker ps');
  });

  it('say so when a session has no recording', async () => {
    const answer = await json(await castAs(teacher, classId, unrecorded));
    expect(answer.status).toBe(404);
    expect(answer.body.message).toMatch(/Aucun enregistrement/);
  });

  it('serve the .cast to the class’s grader token only', async () => {
    const token = await makeToken(teacher, classId);
    const response = await castWithToken(token, classId, recorded);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain(`session-${recorded}.cast`);
    expect(await response.text()).toContain('docker ps');
    expect((await castWithToken(token, otherClassId, outsiderSession)).status).toBe(404);
    expect((await castWithToken(token, classId, outsiderSession)).status).toBe(404);
    expect((await castWithToken('dkg_faux', classId, recorded)).status).toBe(401);
  });

  it('are listed for the drill-down, among the student’s sessions, only for those recorded', async () => {
    const list = (as: Person) =>
      platform.call(recordedRoute, `/api/classes/${classId}/recordings?sessions=${recorded},${unrecorded},${outsiderSession}`, { as, params: { id: classId } }).then(json);
    expect(await list(teacher)).toEqual({ status: 200, body: { recorded: [recorded] } });
    expect((await list(otherTeacher)).status).toBe(404);
  });

  it('are deleted once their days are over, and not before', async () => {
    const recordings = setUpRecordings({ prisma: platform.db.prisma, keepDays: 30 });
    expect(await recordings.sweep(later(29 * 86_400_000))).toBe(0);
    const fresh = setUpRecordings({ prisma: platform.db.prisma, keepDays: 30 });
    expect(await fresh.sweep(later(31 * 86_400_000))).toBe(2);
    expect((await castAs(teacher, classId, recorded)).status).toBe(404);
  });
});
