/**
 * The grader API through the real route handlers: an instructor makes a token for one class,
 * a script reads that class's students and results with it, and nothing else; a revoked
 * token stops working at once. Needs no Docker engine.
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
