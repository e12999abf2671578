/**
 * The grader API through the real route handlers: an instructor makes a token for one class,
 * a script reads that class's students and results with it, and nothing else; a revoked
 * token stops working at once; a whole class's attempts come in a few pages, and a sync
 * asks only for what is new. Needs no Docker engine.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as createRoute } from '@/app/api/classes/route';
import { POST as assignRoute } from '@/app/api/classes/[id]/assignments/route';
import { GET as viewRoute } from '@/app/api/classes/[id]/route';
import { POST as joinRoute } from '@/app/api/classes/join/route';
import { GET as listTokensRoute, POST as createTokenRoute } from '@/app/api/classes/[id]/tokens/route';
import { DELETE as revokeTokenRoute } from '@/app/api/classes/[id]/tokens/[tokenId]/route';
import { GET as graderClassesRoute } from '@/app/api/grader/v1/classes/route';
import { GET as graderClassRoute } from '@/app/api/grader/v1/classes/[id]/route';
import { GET as graderResultsRoute } from '@/app/api/grader/v1/classes/[id]/results/route';
import { GET as graderAttemptsRoute } from '@/app/api/grader/v1/classes/[id]/attempts/route';
import { GET as graderEvidenceRoute } from '@/app/api/grader/v1/classes/[id]/students/[userId]/labs/[slug]/route';
import { GET as graderQuizEvidenceRoute } from '@/app/api/grader/v1/classes/[id]/students/[userId]/quizzes/[slug]/route';
import { hashGraderToken } from '@/server/grader/grader-token-format';
import { ORIGIN, openPlatform, type Person, type Platform, type RouteHandler } from '../platform-fixture';

let platform: Platform;
let teacher: Person;
let otherTeacher: Person;
let alice: Person;
let classId: string;
let otherClassId: string;

const json = async (response: Response) => ({ status: response.status, body: await response.json() });

/** A call as a script makes it: no cookie, only the Authorization header. */
function withToken(handler: RouteHandler, url: string, token: string | null, params: Record<string, string> = {}) {
  const headers: Record<string, string> = token === null ? {} : { authorization: `Bearer ${token}` };
  return handler(new Request(`${ORIGIN}${url}`, { headers }), { params: Promise.resolve(params) }).then(json);
}

async function createClass(as: Person, name: string): Promise<string> {
  return (await json(await platform.call(createRoute, '/api/classes', { as, body: { name } }))).body.class.id;
}

const makeToken = (as: Person, id: string, name = 'Moodle') =>
  platform.call(createTokenRoute, `/api/classes/${id}/tokens`, { as, body: { name }, params: { id } }).then(json);

beforeAll(async () => {
  platform = await openPlatform();
  teacher = await platform.signUp({ role: 'instructor', name: 'M. Leroy' });
  otherTeacher = await platform.signUp({ role: 'instructor', name: 'Mme Petit' });
  alice = await platform.signUp({ name: 'Alice Durand' });
  classId = await createClass(teacher, 'BTS SIO 2');
  otherClassId = await createClass(otherTeacher, 'Licence pro');
  const managed = (await json(await platform.call(viewRoute, `/api/classes/${classId}`, { as: teacher, params: { id: classId } }))).body.view.managed;
  await platform.call(joinRoute, '/api/classes/join', { as: alice, body: { code: managed.joinCode } });
  await platform.call(assignRoute, `/api/classes/${classId}/assignments`, { as: teacher, body: { kind: 'lab', slug: 'premiers-pas' }, params: { id: classId } });
  const sessionId = randomUUID();
  await platform.db.prisma.labSession.create({
    data: { id: sessionId, ownerId: alice.id, userId: alice.id, lab: 'premiers-pas', state: 'ended', expiresAt: new Date(), endedAt: new Date() },
  });
  await platform.db.prisma.checkAttempt.create({ data: { sessionId, step: 0, passed: true, exitCode: 0, output: 'hello-world a tourné', durationMs: 80 } });
  await platform.services.quizzes.submit(alice.id, 'premiers-pas', { 'qui-cree-le-conteneur': ['demon'] }, alice.id);
});

afterAll(async () => platform?.close());

describe('grader tokens', () => {
  it('are shown once, then listed by name only, and stored hashed', async () => {
    const created = await makeToken(teacher, classId);
    expect(created.status).toBe(200);
    expect(created.body.token).toMatch(/^dkg_[A-Za-z0-9_-]{43}$/);
    const listed = await json(await platform.call(listTokensRoute, `/api/classes/${classId}/tokens`, { as: teacher, params: { id: classId } }));
    expect(listed.body.tokens).toEqual([{ id: created.body.view.id, name: 'Moodle', createdAt: expect.any(String), lastUsedAt: null }]);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);
    const row = await platform.db.prisma.graderToken.findUniqueOrThrow({ where: { id: created.body.view.id } });
    expect(row.tokenHash).toBe(hashGraderToken(created.body.token));
    expect(row.tokenHash).not.toContain(created.body.token.slice(4));
  });

  it('are made only by the class’s instructor, with a name', async () => {
    expect((await makeToken(otherTeacher, classId)).status).toBe(404);
    expect((await makeToken(alice, classId)).status).toBe(403);
    const unnamed = await makeToken(teacher, classId, '  ');
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.validations).toEqual([{ path: 'name', message: 'Donnez un nom au jeton (par exemple « Moodle »).' }]);
  });
});

describe('the grader API', () => {
  it('lists the one class the token grants, its students and assignments', async () => {
    const { body } = await makeToken(teacher, classId, 'script');
    const classes = await withToken(graderClassesRoute, '/api/grader/v1/classes', body.token);
    expect(classes.status).toBe(200);
    expect(classes.body.classes).toEqual([{ id: classId, name: 'BTS SIO 2', instructor: { name: 'M. Leroy', email: teacher.email }, students: 1, assignments: 1 }]);
    const one = await withToken(graderClassRoute, `/api/grader/v1/classes/${classId}`, body.token, { id: classId });
    expect(one.body.class.students).toEqual([expect.objectContaining({ userId: alice.id, email: alice.email })]);
    expect(one.body.class.assignments).toEqual([expect.objectContaining({ kind: 'lab', slug: 'premiers-pas' })]);
  });

  it('gives results and a student’s attempts with their output', async () => {
    const { body } = await makeToken(teacher, classId, 'notes');
    const results = await withToken(graderResultsRoute, `/api/grader/v1/classes/${classId}/results`, body.token, { id: classId });
    expect(results.body.results.students).toEqual([expect.objectContaining({ email: alice.email, total: 1 })]);
    const params = { id: classId, userId: alice.id, slug: 'premiers-pas' };
    const evidence = await withToken(graderEvidenceRoute, `/api/grader/v1/classes/${classId}/students/${alice.id}/labs/premiers-pas`, body.token, params);
    expect(evidence.body.evidence.attempts).toEqual([expect.objectContaining({ step: 0, passed: true, output: 'hello-world a tourné' })]);
    const quiz = await withToken(graderQuizEvidenceRoute, `/api/grader/v1/classes/${classId}/students/${alice.id}/quizzes/premiers-pas`, body.token, params);
    expect(quiz.body.evidence.attempts).toEqual([expect.objectContaining({ answers: expect.objectContaining({ 'qui-cree-le-conteneur': ['demon'] }), maxScore: 7 })]);
  });

  it('refuses another class with the same token, as not found', async () => {
    const { body } = await makeToken(teacher, classId, 'curieux');
    const other = await withToken(graderResultsRoute, `/api/grader/v1/classes/${otherClassId}/results`, body.token, { id: otherClassId });
    expect(other.status).toBe(404);
    expect(other.body.message).toMatch(/Ce jeton ne donne pas accès à cette classe/);
  });

  it('refuses a student who is not in the token’s class, and any other class’s records, as not found', async () => {
    const { body } = await makeToken(teacher, classId, 'limites');
    const outsider = await platform.signUp({ name: 'Élève d’une autre classe' });
    const otherManaged = (await json(await platform.call(viewRoute, `/api/classes/${otherClassId}`, { as: otherTeacher, params: { id: otherClassId } }))).body.view.managed;
    await platform.call(joinRoute, '/api/classes/join', { as: outsider, body: { code: otherManaged.joinCode } });
    const lab = (id: string, userId: string) =>
      withToken(graderEvidenceRoute, `/api/grader/v1/classes/${id}/students/${userId}/labs/premiers-pas`, body.token, { id, userId, slug: 'premiers-pas' });
    const quiz = (id: string, userId: string) =>
      withToken(graderQuizEvidenceRoute, `/api/grader/v1/classes/${id}/students/${userId}/quizzes/premiers-pas`, body.token, { id, userId, slug: 'premiers-pas' });

    for (const refused of [await lab(classId, outsider.id), await quiz(classId, outsider.id)]) {
      expect(refused.status).toBe(404);
      expect(refused.body.message).toMatch(/ne fait pas \(ou plus\) partie de la classe/);
    }
    const elsewhere = [
      await lab(otherClassId, outsider.id),
      await quiz(otherClassId, outsider.id),
      await withToken(graderClassRoute, `/api/grader/v1/classes/${otherClassId}`, body.token, { id: otherClassId }),
      await withToken(graderAttemptsRoute, `/api/grader/v1/classes/${otherClassId}/attempts`, body.token, { id: otherClassId }),
    ];
    for (const refused of elsewhere) {
      expect(refused.status).toBe(404);
      expect(refused.body.message).toMatch(/Ce jeton ne donne pas accès à cette classe/);
    }
  });

  it('refuses a missing, malformed or unknown token, and a session cookie alone', async () => {
    for (const token of [null, 'pas-un-jeton', `dkg_${'A'.repeat(43)}`]) {
      const refused = await withToken(graderClassesRoute, '/api/grader/v1/classes', token);
      expect(refused.status).toBe(401);
      expect(refused.body.message).toMatch(/Authorization: Bearer dkg_/);
    }
    expect((await platform.call(graderClassesRoute, '/api/grader/v1/classes', { as: teacher })).status).toBe(401);
  });

  it('stops accepting a token as soon as it is revoked', async () => {
    const { body } = await makeToken(teacher, classId, 'éphémère');
    expect((await withToken(graderClassesRoute, '/api/grader/v1/classes', body.token)).status).toBe(200);
    const tokenId = body.view.id;
    expect((await platform.call(revokeTokenRoute, `/api/classes/${classId}/tokens/${tokenId}`, { as: otherTeacher, method: 'DELETE', params: { id: classId, tokenId } })).status).toBe(404);
    const revoked = await platform.call(revokeTokenRoute, `/api/classes/${classId}/tokens/${tokenId}`, { as: teacher, method: 'DELETE', params: { id: classId, tokenId } });
    expect(revoked.status).toBe(200);
    expect((await withToken(graderClassesRoute, '/api/grader/v1/classes', body.token)).status).toBe(401);
  });

  it('records when a token was last used', async () => {
    const { body } = await makeToken(teacher, classId, 'horodaté');
    await withToken(graderClassesRoute, '/api/grader/v1/classes', body.token);
    const row = await platform.db.prisma.graderToken.findUniqueOrThrow({ where: { id: body.view.id } });
    expect(row.lastUsedAt).toBeInstanceOf(Date);
  });

  it('refuses a token that calls too often, saying when to try again', async () => {
    const { body } = await makeToken(teacher, classId, 'pressé');
    for (let call = 0; call < 120; call += 1) platform.services.limits.graderApi.take(body.view.id);
    const refused = await withToken(graderClassesRoute, '/api/grader/v1/classes', body.token);
    expect(refused.status).toBe(429);
    expect(refused.body.message).toMatch(/Trop d'appels à l'API de notes avec ce jeton : réessayez dans/);
  });
});

describe('a class’s attempts in bulk', () => {
  const T0 = Date.parse('2026-11-20T08:00:00.000Z');
  const minute = (n: number) => new Date(T0 + n * 60_000);
  let bulkClassId: string;
  let token: string;
  let carol: Person;
  let dan: Person;

  const attempts = (query = '') =>
    withToken(graderAttemptsRoute, `/api/grader/v1/classes/${bulkClassId}/attempts${query}`, token, { id: bulkClassId });

  async function check(person: Person, lab: string, step: number, at: Date, passed = true) {
    const sessionId = randomUUID();
    await platform.db.prisma.labSession.create({ data: { id: sessionId, ownerId: person.id, userId: person.id, lab, state: 'ended', expiresAt: at, createdAt: at } });
    await platform.db.prisma.checkAttempt.create({
      data: { sessionId, step, passed, exitCode: passed ? 0 : 1, output: `étape ${step} de ${lab}`, durationMs: 90, createdAt: at },
    });
  }
  const answer = (person: Person, quiz: string, score: number, at: Date) =>
    platform.db.prisma.quizAttempt.create({
      data: { ownerId: person.id, userId: person.id, quiz, answers: { 'qui-cree-le-conteneur': ['demon'] }, score, maxScore: 7, createdAt: at },
    });

  /** Every page from `query` on, following the cursors; the attempts as « kind:who:when ». */
  async function readAll(query: string, limit: number) {
    const seen: string[] = [];
    let after = '';
    for (let page = 0; page < 20; page += 1) {
      const { status, body } = await attempts(`?limit=${limit}${query}${after}`);
      expect(status).toBe(200);
      expect(body.attempts.length).toBeLessThanOrEqual(limit);
      seen.push(...body.attempts.map((a: { kind: string; userId: string; at: string }) => `${a.kind}:${a.userId === carol.id ? 'carol' : 'dan'}:${a.at.slice(11, 16)}`));
      if (!body.more) return { seen, cursor: body.cursor as string };
      after = `&after=${body.cursor}`;
    }
    throw new Error('pages sans fin');
  }

  beforeAll(async () => {
    bulkClassId = await createClass(teacher, 'Licence 3');
    token = (await makeToken(teacher, bulkClassId, 'synchro')).body.token;
    carol = await platform.signUp({ name: 'Carol' });
    dan = await platform.signUp({ name: 'Dan' });
    const stranger = await platform.signUp({ name: 'Hors classe' });
    const managed = (await json(await platform.call(viewRoute, `/api/classes/${bulkClassId}`, { as: teacher, params: { id: bulkClassId } }))).body.view.managed;
    for (const student of [carol, dan]) await platform.call(joinRoute, '/api/classes/join', { as: student, body: { code: managed.joinCode } });
    for (const body of [{ kind: 'lab', slug: 'premiers-pas' }, { kind: 'quiz', slug: 'premiers-pas' }]) {
      await platform.call(assignRoute, `/api/classes/${bulkClassId}/assignments`, { as: teacher, body, params: { id: bulkClassId } });
    }
    await check(carol, 'premiers-pas', 0, minute(0), false);
    await check(dan, 'premiers-pas', 0, minute(1));
    // A lab check and a quiz answer in the same millisecond: neither is lost between two pages.
    await check(carol, 'premiers-pas', 0, minute(2));
    await answer(dan, 'premiers-pas', 5, minute(2));
    await answer(carol, 'premiers-pas', 7, minute(3));
    // Not this class's: a lab it was not given, a student who is not in it.
    await check(carol, 'volumes', 0, minute(4));
    await check(stranger, 'premiers-pas', 0, minute(4));
  });

  it('come oldest first, a page at a time, each once, whatever the page size', async () => {
    const expected = ['lab:carol:08:00', 'lab:dan:08:01', 'lab:carol:08:02', 'quiz:dan:08:02', 'quiz:carol:08:03'];
    for (const limit of [1, 2, 3, 200]) expect((await readAll('', limit)).seen).toEqual(expected);
  });

  it('carry what a gradebook needs: a check’s step, result and output; a quiz’s answers and score', async () => {
    const { body } = await attempts('?limit=5');
    expect(body.attempts[0]).toEqual({
      kind: 'lab', id: expect.any(String), userId: carol.id, slug: 'premiers-pas', sessionId: expect.any(String),
      step: 0, passed: false, exitCode: 1, output: 'étape 0 de premiers-pas', outputTruncated: false, durationMs: 90, at: minute(0).toISOString(),
    });
    expect(body.attempts[4]).toEqual({
      kind: 'quiz', id: expect.any(String), userId: carol.id, slug: 'premiers-pas',
      answers: { 'qui-cree-le-conteneur': ['demon'] }, score: 7, maxScore: 7, at: minute(3).toISOString(),
    });
  });

  it('let a sync ask only for what came after its last cursor', async () => {
    const { cursor } = await readAll('', 200);
    const nothing = await attempts(`?after=${cursor}`);
    expect(nothing.body).toEqual({ attempts: [], cursor, more: false });
    await check(dan, 'premiers-pas', 1, minute(10));
    const fresh = await attempts(`?after=${cursor}`);
    expect(fresh.body.attempts.map((a: { userId: string; step: number }) => [a.userId, a.step])).toEqual([[dan.id, 1]]);
    expect(fresh.body.cursor).not.toBe(cursor);
  });

  it('start at a given time with since', async () => {
    expect((await readAll(`&since=${minute(2).toISOString()}`, 2)).seen).toEqual(['lab:carol:08:02', 'quiz:dan:08:02', 'quiz:carol:08:03', 'lab:dan:08:10']);
  });

  it('refuse a forged cursor, a bad date and a page too large, naming the parameter', async () => {
    const forged = await attempts(`?after=${Buffer.from('[0,"exam","x"]').toString('base64url')}`);
    expect(forged.status).toBe(400);
    expect(forged.body.validations).toEqual([{ path: 'after', message: 'curseur invalide : renvoyez la valeur « cursor » de la page précédente' }]);
    const badDate = await attempts('?since=hier');
    expect(badDate.body.validations).toEqual([{ path: 'since', message: 'date invalide : attendue au format ISO 8601 (2027-03-12T18:00:00Z)' }]);
    const tooMany = await attempts('?limit=1000');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.validations).toEqual([{ path: 'limit', message: "nombre d'essais par page invalide : de 1 à 200" }]);
  });
});
