/**
 * Quiz attempts on the real embedded database (migrated PGlite) and through the real route
 * handlers, as the browser calls them: signed owner cookie, JSON body, error envelope.
 * Needs no Docker engine.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as submitRoute } from '@/app/api/quizzes/[slug]/attempts/route';
import { GET as latestRoute } from '@/app/api/quizzes/[slug]/attempts/latest/route';
import { OWNER_COOKIE } from '@/server/auth/owner-token';
import type { Quiz } from '@/server/content/quiz';
import { QuizService } from '@/server/quizzes/quiz-service';
import { openPlatform, type Platform } from '../platform-fixture';

const QUIZ: Quiz = {
  slug: 'essai',
  title: 'Essai',
  questions: [
    {
      id: 'demon',
      promptHtml: '<p>Qui crée les conteneurs ?</p>',
      choices: [
        { id: 'client', html: 'Le client' },
        { id: 'demon', html: 'Le démon' },
      ],
      answer: ['demon'],
      explanationHtml: '<p>Le démon dockerd.</p>',
    },
    {
      id: 'registre',
      promptHtml: '<p>Que fait un registre ?</p>',
      choices: [
        { id: 'stocke', html: 'Il stocke des images' },
        { id: 'distribue', html: 'Il les distribue' },
        { id: 'execute', html: 'Il exécute des conteneurs' },
      ],
      answer: ['stocke', 'distribue'],
      explanationHtml: '<p>Un registre stocke et distribue ; il n’exécute rien.</p>',
    },
  ],
};

let platform: Platform;
let db: Platform['db'];
let clock = new Date('2026-03-12T10:00:00Z');

beforeAll(async () => {
  platform = await openPlatform({
    quizzes: (prisma) => new QuizService({ prisma, findQuiz: async (slug) => (slug === QUIZ.slug ? QUIZ : null), now: () => clock }),
  });
  db = platform.db;
});

afterAll(async () => {
  await platform?.close();
});

function call(route: typeof submitRoute, slug: string, options: { ownerId?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.ownerId) headers.cookie = `${OWNER_COOKIE}=${platform.owners.issue(options.ownerId)}`;
  const request = new Request(`http://localhost/api/quizzes/${slug}/attempts`, {
    method: options.body === undefined ? 'GET' : 'POST',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return route(request, { params: Promise.resolve({ slug }) });
}

describe('a quiz attempt', () => {
  const alice = `alice-${randomUUID()}`;

  it('has no last score before the first submission', async () => {
    const response = await call(latestRoute, 'essai', { ownerId: alice });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ attempt: null });
  });

  it('is checked on the server, answered with verdicts and explanations, and recorded', async () => {
    const response = await call(submitRoute, 'essai', {
      ownerId: alice,
      body: { answers: { demon: ['demon'], registre: ['stocke'] } },
    });
    expect(response.status).toBe(200);
    const { result } = await response.json();
    expect(result).toMatchObject({ score: 1, maxScore: 2, createdAt: clock.toISOString() });
    expect(result.questions).toEqual([
      expect.objectContaining({ id: 'demon', correct: true, explanationHtml: '<p>Le démon dockerd.</p>' }),
      expect.objectContaining({ id: 'registre', correct: false, selected: ['stocke'], answer: ['stocke', 'distribue'] }),
    ]);

    const rows = await db.prisma.quizAttempt.findMany({ where: { ownerId: alice } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ quiz: 'essai', score: 1, maxScore: 2, answers: { demon: ['demon'], registre: ['stocke'] } });
  });

  it('shows the latest score when the student comes back, to them only', async () => {
    clock = new Date('2026-03-12T10:05:00Z');
    await call(submitRoute, 'essai', { ownerId: alice, body: { answers: { demon: ['demon'], registre: ['distribue', 'stocke'] } } });

    const mine = await (await call(latestRoute, 'essai', { ownerId: alice })).json();
    expect(mine).toEqual({ attempt: { score: 2, maxScore: 2, createdAt: '2026-03-12T10:05:00.000Z' } });
    const someoneElse = await (await call(latestRoute, 'essai', { ownerId: `bob-${randomUUID()}` })).json();
    expect(someoneElse).toEqual({ attempt: null });
    expect(await db.prisma.quizAttempt.count({ where: { ownerId: alice } })).toBe(2);
  });

  it('refuses a malformed body or unknown answers with the error envelope, and records nothing', async () => {
    const before = await db.prisma.quizAttempt.count();
    const malformed = await call(submitRoute, 'essai', { ownerId: alice, body: { answers: { demon: 'demon' } } });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ message: 'Requête invalide.', validations: [{ path: 'answers.demon' }] });

    const unknown = await call(submitRoute, 'essai', { ownerId: alice, body: { answers: { demon: ['dockerd'] } } });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).validations).toEqual([{ path: 'answers.demon', message: 'choix « dockerd » inconnu pour cette question' }]);
    expect(await db.prisma.quizAttempt.count()).toBe(before);
  });

  it('answers 404 for a lesson without a quiz, and 401 without the owner cookie', async () => {
    const missing = await call(submitRoute, 'absent', { ownerId: alice, body: { answers: {} } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ message: "Cette leçon n'a pas de quiz." });

    const anonymous = await call(submitRoute, 'essai', { body: { answers: {} } });
    expect(anonymous.status).toBe(401);
  });
});
