/**
 * Progress and class results through the real route handlers, on the real (embedded)
 * database and the real course: what students did (written as the session service and the
 * quiz service write it, without starting machines) becomes scores on the student's own
 * outline, on their instructor's dashboard and in the CSV, and nobody else sees any of it.
 * Needs no Docker engine.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as createRoute } from '@/app/api/classes/route';
import { GET as viewRoute } from '@/app/api/classes/[id]/route';
import { POST as assignRoute } from '@/app/api/classes/[id]/assignments/route';
import { POST as joinRoute } from '@/app/api/classes/join/route';
import { GET as resultsRoute } from '@/app/api/classes/[id]/results/route';
import { GET as csvRoute } from '@/app/api/classes/[id]/results/csv/route';
import { GET as evidenceRoute } from '@/app/api/classes/[id]/students/[userId]/labs/[slug]/route';
import { GET as quizEvidenceRoute } from '@/app/api/classes/[id]/students/[userId]/quizzes/[slug]/route';
import { GET as myProgressRoute } from '@/app/api/me/progress/route';
import { openPlatform, type Person, type Platform } from '../platform-fixture';

const LAB = 'premiers-pas';
const QUIZ = 'premiers-pas';
let platform: Platform;
let teacher: Person;
let otherTeacher: Person;
let admin: Person;
let alice: Person;
let bob: Person;
let classId: string;

const json = async (response: Response) => ({ status: response.status, body: await response.json() });
const results = (as: Person, id = classId) => platform.call(resultsRoute, `/api/classes/${id}/results`, { as, params: { id } }).then(json);
const evidence = (as: Person, userId: string, slug = LAB) =>
  platform.call(evidenceRoute, `/api/classes/${classId}/students/${userId}/labs/${slug}`, { as, params: { id: classId, userId, slug } }).then(json);

const quizEvidence = (as: Person, userId: string) =>
  platform.call(quizEvidenceRoute, `/api/classes/${classId}/students/${userId}/quizzes/${QUIZ}`, { as, params: { id: classId, userId, slug: QUIZ } }).then(json);

/** A finished lab session of `person`, with these checks (step, passed) and step events. */
async function labSession(person: Person, checks: Array<[number, boolean]>, events: Array<{ step: number; kind: string; hint?: number }> = []) {
  const id = randomUUID();
  // One clock reading for the session's times: two could fall a millisecond apart (20 min + 1 ms spent).
  const now = Date.now();
  const minutesAgo = (minutes: number) => new Date(now - minutes * 60_000);
  await platform.db.prisma.labSession.create({
    data: { id, ownerId: person.id, userId: person.id, lab: LAB, state: 'ended', createdAt: minutesAgo(30), lastActiveAt: minutesAgo(10), endedAt: minutesAgo(10), expiresAt: minutesAgo(0) },
  });
  for (const [step, passed] of checks) {
    await platform.db.prisma.checkAttempt.create({
      data: { sessionId: id, step, passed, exitCode: passed ? 0 : 1, output: passed ? 'bravo' : 'aucun conteneur hello-world', durationMs: 120 },
    });
  }
  for (const event of events) await platform.db.prisma.stepEvent.create({ data: { sessionId: id, step: event.step, kind: event.kind, hint: event.hint ?? 0 } });
}

beforeAll(async () => {
  platform = await openPlatform();
  // One at a time: password hashing in parallel can outlast better-auth's transaction on a busy machine.
  teacher = await platform.signUp({ role: 'instructor', name: 'M. Leroy' });
  otherTeacher = await platform.signUp({ role: 'instructor', name: 'Mme Petit' });
  admin = await platform.signUp({ role: 'admin' });
  alice = await platform.signUp({ name: 'Alice Durand' });
  bob = await platform.signUp({ name: 'Bob Moreau' });
  const created = await json(await platform.call(createRoute, '/api/classes', { as: teacher, body: { name: 'BTS SIO 2' } }));
  classId = created.body.class.id;
  const managed = (await json(await platform.call(viewRoute, `/api/classes/${classId}`, { as: teacher, params: { id: classId } }))).body.view.managed;
  for (const student of [alice, bob]) await platform.call(joinRoute, '/api/classes/join', { as: student, body: { code: managed.joinCode } });
  const assign = (body: object) => platform.call(assignRoute, `/api/classes/${classId}/assignments`, { as: teacher, body, params: { id: classId } });
  await assign({ kind: 'lab', slug: LAB, dueAt: null });
  await assign({ kind: 'quiz', slug: QUIZ, dueAt: '2020-01-01T00:00:00Z' });
  await assign({ kind: 'lesson', slug: 'virtualisation' });

  // Alice: steps 1 and 2 passed (step 2 after revealing its solution), step 3 failed once.
  await labSession(alice, [[0, false], [0, true], [1, true], [2, false]], [{ step: 0, kind: 'hint' }, { step: 1, kind: 'solution' }]);
  await platform.services.quizzes.submit(alice.id, QUIZ, { 'qui-cree-le-conteneur': ['client'] }, alice.id);
});

afterAll(async () => platform?.close());

describe('the class dashboard', () => {
  it('shows each student’s score and status per graded assignment, lessons left out', async () => {
    const { status, body } = await results(teacher);
    expect(status).toBe(200);
    expect(body.results.columns.map((c: { kind: string; slug: string; maxScore: number }) => [c.kind, c.slug, c.maxScore])).toEqual([
      ['quiz', QUIZ, 7],
      ['lab', LAB, 4],
    ]);
    const [aliceRow, bobRow] = body.results.students;
    expect(aliceRow).toMatchObject({ name: 'Alice Durand', email: alice.email, total: 2 });
    // The quiz was answered (0/7, nothing ticked) after its deadline; the lab is under way.
    expect(aliceRow.cells).toEqual([
      { score: 0, status: 'late', solutionsRevealed: 0 },
      { score: 2, status: 'in-progress', solutionsRevealed: 1 },
    ]);
    expect(bobRow.cells).toEqual([
      { score: 0, status: 'late', solutionsRevealed: 0 },
      { score: 0, status: 'not-started', solutionsRevealed: 0 },
    ]);
  });

  it('shows a step passed in a new session at the next refresh', async () => {
    await labSession(bob, [[0, true]]);
    const { body } = await results(teacher);
    expect(body.results.students[1].cells[1]).toMatchObject({ score: 1, status: 'in-progress' });
  });

  it('drills down into one student’s lab: every attempt with its output, hints, solutions and time', async () => {
    const { status, body } = await evidence(teacher, alice.id);
    expect(status).toBe(200);
    expect(body.evidence.attempts.map((a: { step: number; passed: boolean; output: string }) => [a.step, a.passed, a.output])).toEqual([
      [0, false, 'aucun conteneur hello-world'],
      [0, true, 'bravo'],
      [1, true, 'bravo'],
      [2, false, 'aucun conteneur hello-world'],
    ]);
    expect(body.evidence.events.map((e: { step: number; kind: string }) => `${e.step}:${e.kind}`).sort()).toEqual(['0:hint', '1:solution']);
    expect(body.evidence.progress).toMatchObject({ score: 2, maxScore: 4, resumeStep: 2, timeSpentMs: 20 * 60_000 });
    expect(body.evidence.progress.steps[1]).toMatchObject({ passed: true, solutionRevealed: true });
  });

  it('drills down into one student’s quiz: the answers they ticked, each attempt', async () => {
    const { status, body } = await quizEvidence(teacher, alice.id);
    expect(status).toBe(200);
    expect(body.evidence.attempts).toEqual([{ answers: expect.objectContaining({ 'qui-cree-le-conteneur': ['client'] }), score: 0, maxScore: 7, at: expect.any(String) }]);
    expect(body.evidence.progress).toMatchObject({ quiz: QUIZ, attempts: 1, maxScore: 7 });
    // Beside the answers, the questions with their right choices, for the instructor to compare.
    const asked = body.evidence.questions.find((q: { id: string }) => q.id === 'qui-cree-le-conteneur');
    expect(asked.promptHtml).not.toBe('');
    expect(asked.choices.some((c: { id: string; correct: boolean }) => c.id === 'client' && !c.correct)).toBe(true);
    expect(asked.choices.filter((c: { correct: boolean }) => c.correct).length).toBeGreaterThan(0);
    expect((await quizEvidence(otherTeacher, alice.id)).status).toBe(404);
    expect((await quizEvidence(bob, alice.id)).status).toBe(403);
  });

  it('is open to an admin too', async () => {
    expect((await results(admin)).status).toBe(200);
  });
});

describe('the CSV export', () => {
  it('has a row per student with their e-mail, a column per graded assignment and a total', async () => {
    const response = await platform.call(csvRoute, `/api/classes/${classId}/results/csv`, { as: teacher, params: { id: classId } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="resultats-BTS-SIO-2-\d{4}-\d\d-\d\d\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trim().split('\r\n');
    expect(lines[0]).toBe('Nom;E-mail;Premiers pas avec Docker (quiz /7);Premiers pas avec Docker (lab /4);Total /11');
    expect(lines.slice(1)).toEqual([`Alice Durand;${alice.email};0;2;2`, `Bob Moreau;${bob.email};0;1;1`]);
  });

  it('comes for Canvas too: commas, the header Canvas’s import requires, the points possible, no total', async () => {
    const response = await platform.call(csvRoute, `/api/classes/${classId}/results/csv?format=canvas`, { as: teacher, params: { id: classId } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="resultats-BTS-SIO-2-\d{4}-\d\d-\d\d-canvas\.csv"$/);
    const lines = (await response.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toEqual([
      'Student,ID,SIS Login ID,Section,Premiers pas avec Docker (quiz),Premiers pas avec Docker (lab)',
      'Points Possible,,,,7,4',
      `Alice Durand,,${alice.email},,0,2`,
      `Bob Moreau,,${bob.email},,0,1`,
    ]);
  });

  it('refuses a format it does not know, naming the parameter', async () => {
    const { status, body } = await json(await platform.call(csvRoute, `/api/classes/${classId}/results/csv?format=excel`, { as: teacher, params: { id: classId } }));
    expect(status).toBe(400);
    expect(body.validations).toEqual([{ path: 'format', message: 'format inconnu : spreadsheet (par défaut) ou canvas' }]);
  });
});

describe('who sees what', () => {
  it('hides a class’s results from another instructor, as if it did not exist', async () => {
    const { status, body } = await results(otherTeacher);
    expect(status).toBe(404);
    expect(body.message).toMatch(/n'existe pas, ou vous n'y avez pas accès/);
    expect((await evidence(otherTeacher, alice.id)).status).toBe(404);
    expect((await platform.call(csvRoute, `/api/classes/${classId}/results/csv`, { as: otherTeacher, params: { id: classId } })).status).toBe(404);
  });

  it('refuses students, even members of the class', async () => {
    expect((await results(alice)).status).toBe(403);
    expect((await evidence(alice, bob.id)).status).toBe(403);
    expect((await platform.call(csvRoute, `/api/classes/${classId}/results/csv`, { as: bob, params: { id: classId } })).status).toBe(403);
  });

  it('does not drill into someone who is not in the class', async () => {
    const { status, body } = await evidence(teacher, otherTeacher.id);
    expect(status).toBe(404);
    expect(body.message).toMatch(/ne fait pas \(ou plus\) partie de la classe/);
  });

  it('asks visitors to sign in', async () => {
    expect((await platform.call(resultsRoute, `/api/classes/${classId}/results`, { params: { id: classId } })).status).toBe(401);
  });
});

describe('a student’s own progress', () => {
  it('gives their lab and quiz scores chapter by chapter, and where to resume, nobody else’s', async () => {
    const { status, body } = await json(await platform.call(myProgressRoute, '/api/me/progress', { as: alice }));
    expect(status).toBe(200);
    const chapter = body.chapters.find((c: { chapter: string }) => c.chapter === 'premiers-pas');
    expect(chapter.lab).toMatchObject({ score: 2, maxScore: 4, status: 'in-progress', resumeStep: 2 });
    expect(chapter.quiz).toMatchObject({ score: 0, maxScore: 7, attempts: 1 });
    const other = await json(await platform.call(myProgressRoute, '/api/me/progress', { as: teacher }));
    expect(other.body.chapters.find((c: { chapter: string }) => c.chapter === 'premiers-pas')).toMatchObject({ lab: { status: 'not-started', score: 0 }, quiz: null });
  });
});
