/**
 * Scores to the LMS (AGS): a student launched from a graded link passes steps; the platform's
 * gradebook receives their points out of the lab's, with the progress and a comment pointing
 * at the evidence. A platform that is down keeps the score waiting (visible to the instructor
 * on the class page's status), and gets it once it is back.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as scoresRoute from '@/app/api/lti/classes/[id]/scores/route';
import { ROLE } from '../../lti-simulator/platform-simulator';
import { launch, openLtiWorld, whoIs, type LtiWorld } from './lti-world';

let world: LtiWorld;
beforeAll(async () => {
  world = await openLtiWorld();
});
afterAll(async () => world?.close());

const course = { id: 'cours-notes', title: 'Conteneurs — notes' };

/** What a student's lab session leaves in the database: the steps they checked, passed or not. */
async function labSession(userId: string, checks: Array<{ step: number; passed: boolean }>): Promise<string> {
  const id = randomUUID();
  await world.dockyard.db.prisma.labSession.create({
    data: { id, ownerId: userId, userId, lab: 'premiers-pas', expiresAt: new Date(Date.now() + 3_600_000) },
  });
  for (const check of checks) {
    await world.dockyard.db.prisma.checkAttempt.create({ data: { sessionId: id, ...check, exitCode: check.passed ? 0 : 1, output: '', durationMs: 5 } });
  }
  return id;
}

async function teacherAndStudent(sub: string, lineItem: string) {
  const teacher = await launch(world, { sub: 'prof-notes', name: 'Prof Notes', roles: [ROLE.instructor], context: course, custom: { dockyard: 'lab/premiers-pas' } });
  const student = await launch(world, { sub, name: `Élève ${sub}`, roles: [ROLE.learner], context: course, custom: { dockyard: 'lab/premiers-pas' }, lineItem });
  const user = await whoIs(world, student.cookie);
  if (!user) throw new Error('élève non connecté');
  return { teacher, user };
}

describe('scores', () => {
  it('sends 2/4 with the progress and a link to the evidence once two of four steps pass, then « Submitted » at the end', async () => {
    const lineItem = world.lms.lineItemUrl('premiers-pas');
    const { user } = await teacherAndStudent('eleve-note', lineItem);
    const sessionId = await labSession(user.id, [
      { step: 0, passed: true },
      { step: 1, passed: false },
      { step: 1, passed: true },
    ]);
    await world.dockyard.services.lti.grades.recompute(sessionId);
    const classroom = await world.dockyard.db.prisma.ltiContext.findFirstOrThrow({ where: { contextId: course.id } });
    expect(world.lms.scores.at(-1)).toMatchObject({
      lineItem,
      userId: 'eleve-note',
      scoreGiven: 2,
      scoreMaximum: 4,
      activityProgress: 'InProgress',
      gradingProgress: 'FullyGraded',
    });
    expect(world.lms.scores.at(-1)?.comment).toContain('2 étape(s) réussie(s) sur 4');
    expect(world.lms.scores.at(-1)?.comment).toContain(`/classes/${classroom.classroomId}/resultats`);

    await world.dockyard.db.prisma.labSession.update({ where: { id: sessionId }, data: { state: 'ended', endedAt: new Date() } });
    await world.dockyard.services.lti.grades.recompute(sessionId);
    expect(world.lms.scores.at(-1)).toMatchObject({ scoreGiven: 2, activityProgress: 'Submitted' });
  });

  it('keeps a score the platform refused, shows why to the instructor, and sends it once the platform is back', async () => {
    const lineItem = world.lms.lineItemUrl('en-panne');
    const { teacher, user } = await teacherAndStudent('eleve-panne', lineItem);
    const classroom = await world.dockyard.db.prisma.ltiContext.findFirstOrThrow({ where: { contextId: course.id } });
    const status = async () => {
      const response = await world.dockyard.call(scoresRoute.GET, `/api/lti/classes/${classroom.classroomId}/scores`, { as: teacher, params: { id: classroom.classroomId } });
      expect(response.status).toBe(200);
      return ((await response.json()) as { scores: Array<{ student: string; status: string; scoreGiven: number; lastError: string | null; tries: number }> }).scores;
    };

    world.lms.failScoresWith = 503;
    const sessionId = await labSession(user.id, [{ step: 0, passed: true }]);
    await world.dockyard.services.lti.grades.recompute(sessionId);
    expect((await status()).find((row) => row.student === 'Élève eleve-panne')).toMatchObject({ status: 'pending', scoreGiven: 1, tries: 1, lastError: expect.stringContaining('503') });
    expect(world.lms.scores.filter((score) => score.lineItem === lineItem)).toHaveLength(0);

    // The platform is back and the retry is due (its delay has passed).
    world.lms.failScoresWith = null;
    await world.dockyard.db.prisma.ltiScoreOutbox.updateMany({ data: { nextTryAt: new Date() } });
    await world.dockyard.services.lti.outbox.kick();
    expect(world.lms.scores.filter((score) => score.lineItem === lineItem).at(-1)).toMatchObject({ userId: 'eleve-panne', scoreGiven: 1, scoreMaximum: 4 });
    expect((await status()).find((row) => row.student === 'Élève eleve-panne')).toMatchObject({ status: 'sent', lastError: null });
  });

  it('makes one column of its own for a link the LMS gave none, and grades into it', async () => {
    const hand = { roles: [ROLE.learner], context: course, custom: { dockyard: 'lab/premiers-pas' }, lineItemContainer: true, resourceLinkId: 'lien-a-la-main' };
    const first = await whoIs(world, (await launch(world, { sub: 'eleve-main-1', name: 'Élève main 1', ...hand })).cookie);
    await launch(world, { sub: 'eleve-main-2', name: 'Élève main 2', ...hand });
    const made = world.lms.lineItems.filter((item) => item.resourceLinkId === 'lien-a-la-main');
    expect(made).toEqual([expect.objectContaining({ resourceId: 'lab/premiers-pas', scoreMaximum: 4, label: 'Lab — Premiers pas avec Docker' })]);

    await world.dockyard.services.lti.grades.recompute(await labSession(first?.id ?? '', [{ step: 0, passed: true }]));
    expect(world.lms.scores.at(-1)).toMatchObject({ lineItem: made[0]?.id, userId: 'eleve-main-1', scoreGiven: 1, scoreMaximum: 4 });
  });

  it('shows the status to the class’s instructor only', async () => {
    const classroom = await world.dockyard.db.prisma.ltiContext.findFirstOrThrow({ where: { contextId: course.id } });
    const otherTeacher = await world.dockyard.signUp({ role: 'instructor' });
    const response = await world.dockyard.call(scoresRoute.GET, `/api/lti/classes/${classroom.classroomId}/scores`, { as: otherTeacher, params: { id: classroom.classroomId } });
    // Another instructor is told the class does not exist, as on every class route.
    expect(response.status).toBe(404);
  });
});
