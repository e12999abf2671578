/**
 * Who may call what, through the real route handlers with real accounts: labs need an
 * account unless workshop mode is on, roles guard instructor and admin routes, quiz attempts
 * belong to the signed-in user, and lab starts are rate-limited. Needs no Docker engine: the
 * refused calls never reach a sandbox, and the allowed ones name a lab that does not exist.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { GET as findSessionRoute, POST as startRoute } from '@/app/api/labs/[slug]/session/route';
import { POST as checkRoute } from '@/app/api/sessions/[id]/checks/route';
import { POST as createClassRoute } from '@/app/api/classes/route';
import { GET as listUsersRoute } from '@/app/api/admin/users/route';
import { PATCH as updateUserRoute } from '@/app/api/admin/users/[id]/route';
import { POST as submitQuizRoute } from '@/app/api/quizzes/[slug]/attempts/route';
import { openPlatform, type Platform } from '../platform-fixture';

const LAB = 'premiers-pas';
const SESSION_ID = '00000000-0000-4000-8000-000000000000';
let platform: Platform | undefined;

async function open(options: Parameters<typeof openPlatform>[0] = {}): Promise<Platform> {
  await platform?.close();
  platform = await openPlatform(options);
  return platform;
}

afterEach(async () => {
  await platform?.close();
  platform = undefined;
});
afterAll(async () => platform?.close());

describe('labs without an account', () => {
  it('are refused when workshop mode is off: « Se connecter » instead of a machine', async () => {
    const { call, anonymousBrowser, db } = await open();
    const browser = anonymousBrowser();
    for (const [handler, method] of [[findSessionRoute, 'GET'], [startRoute, 'POST']] as const) {
      const response = await call(handler, `/api/labs/${LAB}/session`, { as: browser, method, params: { slug: LAB } });
      expect(response.status).toBe(401);
      expect((await response.json()).message).toBe(
        'Connectez-vous (ou créez un compte) pour démarrer ce lab : votre machine sera rattachée à votre compte.',
      );
    }
    const check = await call(checkRoute, `/api/sessions/${SESSION_ID}/checks`, { as: browser, body: { step: 0 }, params: { id: SESSION_ID } });
    expect(check.status).toBe(401);
    expect(await db.prisma.labSession.count()).toBe(0);
  });

  it('are allowed with the owner cookie in workshop mode (DOCKYARD_ANONYMOUS_LABS)', async () => {
    const { call, anonymousBrowser } = await open({ anonymousLabs: true });
    const browser = anonymousBrowser();
    const found = await call(findSessionRoute, `/api/labs/${LAB}/session`, { as: browser, params: { slug: LAB } });
    expect(found.status).toBe(200);
    // No lab yet, and nothing paused.
    expect(await found.json()).toMatchObject({ session: null, storage: { usedMiB: 0, labs: [] } });
    // Past the identity check: a lab that does not exist is the next refusal.
    const start = await call(startRoute, '/api/labs/pas-de-lab/session', { as: browser, method: 'POST', params: { slug: 'pas-de-lab' } });
    expect(start.status).toBe(404);
  });

  it('are allowed to a signed-in student, whatever the mode', async () => {
    const { call, signUp } = await open();
    const student = await signUp();
    const found = await call(findSessionRoute, `/api/labs/${LAB}/session`, { as: student, params: { slug: LAB } });
    expect(found.status).toBe(200);
  });
});

describe('lab starts', () => {
  it('are rate-limited per student, with the wait in the message', async () => {
    const { call, signUp } = await open({ labStartsPerHour: 2 });
    const [student, other] = [await signUp(), await signUp()];
    const start = (as: typeof student) => call(startRoute, '/api/labs/pas-de-lab/session', { as, method: 'POST', params: { slug: 'pas-de-lab' } });
    expect((await start(student)).status).toBe(404);
    expect((await start(student)).status).toBe(404);
    const third = await start(student);
    expect(third.status).toBe(429);
    expect((await third.json()).message).toMatch(/^Trop de démarrages de lab en une heure : réessayez dans (60 minutes|59 minutes)\./);
    // Another student is not affected.
    expect((await start(other)).status).toBe(404);
  });
});

describe('roles', () => {
  it('keep students away from instructor and admin routes (403, with what to do)', async () => {
    const { call, signUp, db } = await open();
    const student = await signUp();
    const create = await call(createClassRoute, '/api/classes', { as: student, body: { name: 'Ma classe' } });
    expect(create.status).toBe(403);
    expect((await create.json()).message).toBe(
      'Cette action est réservée aux enseignants. Demandez à un administrateur de vous donner ce rôle.',
    );
    expect(await db.prisma.classroom.count()).toBe(0);

    const users = await call(listUsersRoute, '/api/admin/users', { as: student });
    expect(users.status).toBe(403);
    const promote = await call(updateUserRoute, `/api/admin/users/${student.id}`, { as: student, method: 'PATCH', body: { role: 'admin' }, params: { id: student.id } });
    expect(promote.status).toBe(403);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: student.id } })).role).toBe('student');
  });

  it('keep instructors away from admin routes', async () => {
    const { call, signUp } = await open();
    const instructor = await signUp({ role: 'instructor' });
    const users = await call(listUsersRoute, '/api/admin/users', { as: instructor });
    expect(users.status).toBe(403);
    expect((await users.json()).message).toBe('Cette action est réservée aux administrateurs.');
  });

  it('answer 401 to nobody, before anything else', async () => {
    const { call } = await open();
    const create = await call(createClassRoute, '/api/classes', { body: { name: 'Classe' } });
    expect(create.status).toBe(401);
    expect((await create.json()).message).toBe('Connectez-vous (ou créez un compte) pour continuer.');
  });

  it('take effect at once when an admin changes them', async () => {
    const { call, signUp } = await open();
    const admin = await signUp({ role: 'admin' });
    const future = await signUp();
    const before = await call(createClassRoute, '/api/classes', { as: future, body: { name: 'Terminale NSI' } });
    expect(before.status).toBe(403);

    const promote = await call(updateUserRoute, `/api/admin/users/${future.id}`, { as: admin, method: 'PATCH', body: { role: 'instructor' }, params: { id: future.id } });
    expect(promote.status).toBe(200);
    const after = await call(createClassRoute, '/api/classes', { as: future, body: { name: 'Terminale NSI' } });
    expect(after.status).toBe(200);
    expect((await after.json()).class.id).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('quiz attempts', () => {
  it('belong to the signed-in user’s account, and a visitor’s to their browser', async () => {
    const { call, signUp, anonymousBrowser, db } = await open();
    const student = await signUp();
    // One answer of the real quiz is enough to be scored and recorded.
    const answers = { answers: { 'qui-cree-le-conteneur': ['demon'] } };
    const quiz = 'premiers-pas';
    const visitor = anonymousBrowser();
    for (const as of [student, visitor]) {
      const response = await call(submitQuizRoute, `/api/quizzes/${quiz}/attempts`, { as, body: answers, params: { slug: quiz } });
      expect(response.status).toBe(200);
    }

    const rows = await db.prisma.quizAttempt.findMany();
    expect(Object.fromEntries(rows.map((row) => [row.ownerId, row.userId]))).toEqual({
      [student.id]: student.id,
      [visitor.ownerId]: null,
    });
  });
});
