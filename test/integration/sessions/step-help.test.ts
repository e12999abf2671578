/**
 * « Indice » and « Voir la solution » against the real (embedded) database and the real lab
 * premiers-pas: what the student asks for is recorded once, in order, for graders to read,
 * and only the owner of a running session gets anything. No sandbox is needed: help never
 * touches the machine, so the session row is written directly.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as hintRoute } from '@/app/api/sessions/[id]/help/hints/route';
import { GET as helpRoute } from '@/app/api/sessions/[id]/help/route';
import { testDriver } from '../runtime/test-driver';
import { OWNER_COOKIE, OwnerTokens } from '@/server/auth/owner-token';
import type { Database } from '@/server/db/database';
import { openTestDatabase } from '../test-database';
import { ConflictError, NotFoundError } from '@/server/errors';
import { publishServices } from '@/server/services';
import { findLabSpec } from '@/server/sessions/find-lab-spec';
import { SessionService } from '@/server/sessions/session-service';
import { StepHelpService } from '@/server/sessions/step-help';
import { buildServices } from '../platform-fixture';
import { TEST_INSTANCE } from '../runtime/fixtures';

const LAB = 'premiers-pas';
let db: Database;
let help: StepHelpService;
let sessions: SessionService;

async function runningSession(ownerId: string): Promise<string> {
  const id = randomUUID();
  await db.prisma.labSession.create({ data: { id, ownerId, lab: LAB, expiresAt: new Date(Date.now() + 3_600_000) } });
  return id;
}

const eventsOf = (sessionId: string) =>
  db.prisma.stepEvent.findMany({ where: { sessionId }, select: { step: true, kind: true, hint: true }, orderBy: [{ kind: 'asc' }, { hint: 'asc' }] });

beforeAll(async () => {
  db = await openTestDatabase();
  // The driver is never called: nothing here starts or checks a machine.
  sessions = new SessionService({ prisma: db.prisma, driver: testDriver(`${TEST_INSTANCE}-help`), findLab: findLabSpec });
  help = new StepHelpService({ prisma: db.prisma, sessions, findLab: findLabSpec });
});

afterAll(async () => {
  await db.close();
});

describe('hints', () => {
  it('come one at a time, in order, and each is recorded once', async () => {
    const owner = `eleve-${randomUUID()}`;
    const sessionId = await runningSession(owner);
    const [first] = await help.list(owner, sessionId);
    expect(first).toMatchObject({ step: 0, hintCount: 2, hints: [], solution: null });

    await expect(help.revealHint(owner, sessionId, 0, 1)).rejects.toThrow(ConflictError);
    await expect(help.revealHint(owner, sessionId, 0, 1)).rejects.toThrow(/Affichez d'abord l'indice 1/);

    const one = await help.revealHint(owner, sessionId, 0, 0);
    expect(one.hints).toEqual([expect.stringContaining('hello-world')]);
    // A second tab or a double click asks again: nothing new is recorded.
    await help.revealHint(owner, sessionId, 0, 0);
    const two = await help.revealHint(owner, sessionId, 0, 1);
    expect(two.hints).toHaveLength(2);
    expect(two.hints[1]).toContain('Vérifier');

    await expect(help.revealHint(owner, sessionId, 0, 2)).rejects.toThrow(/n'a que 2 indices/);
    expect(await eventsOf(sessionId)).toEqual([
      { step: 0, kind: 'hint', hint: 0 },
      { step: 0, kind: 'hint', hint: 1 },
    ]);
  });
});

describe('the solution', () => {
  it('is recorded when revealed, then shown on its step only, also after a reload', async () => {
    const owner = `eleve-${randomUUID()}`;
    const sessionId = await runningSession(owner);
    const revealed = await help.revealSolution(owner, sessionId, 2);
    expect(revealed.solution?.parts).toEqual([
      { nodes: ['node1'], html: expect.stringContaining('docker run --name premier busybox') },
    ]);
    expect(Date.parse(revealed.solution?.revealedAt ?? '')).not.toBeNaN();

    const afterReload = await help.list(owner, sessionId);
    expect(afterReload.map((step) => step.solution !== null)).toEqual([false, false, true, false]);
    expect(await eventsOf(sessionId)).toEqual([{ step: 2, kind: 'solution', hint: 0 }]);
  });
});

describe('who gets help', () => {
  it('nobody but the owner of a running session; nothing is recorded for others', async () => {
    const owner = `eleve-${randomUUID()}`;
    const sessionId = await runningSession(owner);
    await expect(help.revealSolution(`intrus-${randomUUID()}`, sessionId, 0)).rejects.toThrow(NotFoundError);
    await expect(help.revealHint(owner, sessionId, 9, 0)).rejects.toThrow(/pas d'étape numéro 10/);
    await db.prisma.labSession.update({ where: { id: sessionId }, data: { state: 'ended' } });
    await expect(help.revealHint(owner, sessionId, 0, 0)).rejects.toThrow(NotFoundError);
    expect(await eventsOf(sessionId)).toEqual([]);
  });

  it('answers over HTTP with zod-validated input and the one error envelope', async () => {
    const owners = new OwnerTokens('secret-de-test-'.repeat(4));
    // Workshop mode: the owner cookie alone identifies the student.
    publishServices({ ...buildServices({ prisma: db.prisma, owners, sessions, anonymousLabs: true }), help });
    const owner = `eleve-${randomUUID()}`;
    const sessionId = await runningSession(owner);
    const context = { params: Promise.resolve({ id: sessionId }) };
    const post = (body: unknown) =>
      hintRoute(
        new Request(`http://localhost/api/sessions/${sessionId}/help/hints`, {
          method: 'POST',
          headers: { cookie: `${OWNER_COOKIE}=${owners.issue(owner)}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
        context,
      );

    const invalid = await post({ step: 0, hint: -1 });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ message: 'Requête invalide.', validations: [{ path: 'hint' }] });

    const skipped = await post({ step: 0, hint: 1 });
    expect(skipped.status).toBe(409);
    expect((await skipped.json()).message).toMatch(/un par un/);

    const shown = await post({ step: 0, hint: 0 });
    expect(shown.status).toBe(200);
    expect((await shown.json()).help).toMatchObject({ step: 0, hints: [expect.stringContaining('hello-world')] });

    const listed = await helpRoute(
      new Request(`http://localhost/api/sessions/${sessionId}/help`, { headers: { cookie: `${OWNER_COOKIE}=${owners.issue(owner)}` } }),
      context,
    );
    expect((await listed.json()).steps[0].hints).toHaveLength(1);
  });
});
