// Every model in schema.prisma works against the database the SQL migrations build, on both
// engines (PGlite, and PostgreSQL when the test command provides it: ./dockyard test does):
// this is what stands in for `prisma migrate` on machines without its schema engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '@/generated/prisma/client';
import type { Database } from '@/server/db/database';
import { listMigrations } from '@/server/db/migrate';
import { createTestDatabase, TEST_ENGINES, type TestDatabaseHome } from '../test-database';

/** The models the tests below write and read: a new model in schema.prisma belongs here. */
const EXERCISED = ['LabSession', 'SandboxNode', 'CheckAttempt', 'StepEvent', 'User', 'Session', 'Account', 'Verification',
  'QuizAttempt', 'Classroom', 'ClassMember', 'Assignment', 'GraderToken', 'StepSnapshot', 'SessionEvent',
  'RecordingChunk', 'LtiPlatform', 'LtiKey', 'LtiLaunchState', 'LtiIdentity', 'LtiContext', 'LtiTicket', 'LtiDeepLink', 'LtiGradeLink', 'LtiScoreOutbox',
  'LabHealthRun', 'LabHealthResult', 'ContentPack'];

it('exercises every model of schema.prisma', () => {
  expect([...EXERCISED].sort()).toEqual(Object.values(Prisma.ModelName).sort());
});

describe.each(TEST_ENGINES)('the database (%s) after migrations', (engine) => {
  let home: TestDatabaseHome;
  let db: Database;

  beforeAll(async () => {
    home = await createTestDatabase(engine);
    db = await home.open();
  });
  afterAll(async () => {
    await db?.close();
    await home?.drop();
  });

  it('applies every migration once, and none again on reopen', async () => {
    expect(db.migration.applied).toEqual(await listMigrations());
    await db.close();
    db = await home.open();
    expect(db.migration.applied).toEqual([]);
    expect(db.migration.alreadyApplied).toBeGreaterThan(0);
  });

  it('stores a session with its nodes and attempts, and cascades on delete', async () => {
    const session = await db.prisma.labSession.create({
      data: {
        id: 'sess-1',
        ownerId: 'owner-1',
        lab: 'premiers-pas',
        expiresAt: new Date(Date.now() + 3_600_000),
        nodes: { create: [{ name: 'node1', sandboxId: 'container-1' }] },
        attempts: {
          create: [{ step: 0, passed: false, exitCode: 1, output: 'pas encore', durationMs: 12 }],
        },
        stepEvents: { create: [{ step: 0, kind: 'started' }, { step: 0, kind: 'hint', hint: 0 }] },
      },
      include: { nodes: true, attempts: true, stepEvents: true },
    });
    expect(session.stepEvents.map((e) => e.kind).sort()).toEqual(['hint', 'started']);
    expect(session.state).toBe('running');
    expect(session.nodes[0]?.sandboxId).toBe('container-1');
    expect(session.attempts[0]?.output).toBe('pas encore');

    await db.prisma.labSession.delete({ where: { id: 'sess-1' } });
    expect(await db.prisma.sandboxNode.count()).toBe(0);
    expect(await db.prisma.checkAttempt.count()).toBe(0);
    expect(await db.prisma.stepEvent.count()).toBe(0);
  });

  it('keeps a paused session with its step snapshots and events, and cascades on delete', async () => {
    const pausedAt = new Date();
    const session = await db.prisma.labSession.create({
      data: {
        id: 'sess-4',
        ownerId: 'owner-4',
        lab: 'premiers-pas',
        state: 'paused',
        expiresAt: pausedAt,
        pausedAt,
        keepUntil: new Date(pausedAt.getTime() + 14 * 86_400_000),
        keepReason: 'retention',
        storageMiB: 566,
        snapshots: { create: [{ step: 0 }, { step: 2 }] },
        events: { create: [{ kind: 'paused', reason: 'lifetime' }, { kind: 'restored', reason: 'instructor', step: 0, actorId: 'user-9' }] },
      },
      include: { snapshots: true, events: true },
    });
    expect(session.snapshots.map((s) => s.step).sort()).toEqual([0, 2]);
    expect(session.events.find((e) => e.kind === 'restored')).toMatchObject({ step: 0, actorId: 'user-9' });
    // One snapshot per step, and only the event kinds the code writes.
    await expect(db.prisma.stepSnapshot.create({ data: { sessionId: 'sess-4', step: 0 } })).rejects.toThrow();
    await expect(db.prisma.sessionEvent.create({ data: { sessionId: 'sess-4', kind: 'effacé', reason: 'student' } })).rejects.toThrow();
    await db.prisma.labSession.delete({ where: { id: 'sess-4' } });
    expect(await db.prisma.stepSnapshot.count()).toBe(0);
    expect(await db.prisma.sessionEvent.count()).toBe(0);
  });

  it('keeps a recording’s pieces as bytes, and deletes them with their session', async () => {
    await db.prisma.labSession.create({ data: { id: 'sess-5', ownerId: 'o', lab: 'l', expiresAt: new Date(Date.now() + 3_600_000) } });
    const data = Buffer.from([0x1f, 0x8b, 0x00, 0xff, 0x0a]);
    const now = new Date();
    await db.prisma.recordingChunk.create({
      data: { sessionId: 'sess-5', node: 'node1', writer: 'w1', seq: 0, startedAt: now, endedAt: now, eventCount: 3, data },
    });
    const [piece] = await db.prisma.recordingChunk.findMany({ where: { sessionId: 'sess-5' } });
    expect(Buffer.from(piece!.data)).toEqual(data);
    expect(piece!.dropped).toBe(0);
    await db.prisma.labSession.delete({ where: { id: 'sess-5' } });
    expect(await db.prisma.recordingChunk.count()).toBe(0);
  });

  it('refuses a step event of an unknown kind, and the same event twice', async () => {
    await db.prisma.labSession.create({ data: { id: 'sess-3', ownerId: 'o', lab: 'l', expiresAt: new Date(Date.now() + 3_600_000) } });
    await expect(db.prisma.stepEvent.create({ data: { sessionId: 'sess-3', step: 0, kind: 'triche' } })).rejects.toThrow();
    await db.prisma.stepEvent.create({ data: { sessionId: 'sess-3', step: 1, kind: 'solution' } });
    await expect(db.prisma.stepEvent.create({ data: { sessionId: 'sess-3', step: 1, kind: 'solution' } })).rejects.toThrow();
  });

  it('stores accounts, classes and what users own, with the deletes each relation allows', async () => {
    const user = await db.prisma.user.create({
      data: {
        id: 'user-1',
        name: 'Ada',
        email: 'ada@exemple.fr',
        sessions: { create: [{ id: 's-1', token: 'jeton', expiresAt: new Date(Date.now() + 60_000) }] },
        accounts: { create: [{ id: 'a-1', accountId: 'user-1', providerId: 'credential', password: 'empreinte' }] },
        labSessions: { create: [{ id: 'lab-1', ownerId: 'user-1', lab: 'premiers-pas', expiresAt: new Date(Date.now() + 60_000) }] },
        quizAttempts: { create: [{ ownerId: 'user-1', quiz: 'premiers-pas', answers: {}, score: 1, maxScore: 2 }] },
      },
    });
    expect(user).toMatchObject({ role: 'student', banned: false, emailVerified: false });
    await db.prisma.verification.create({ data: { id: 'v-1', identifier: 'ada@exemple.fr', value: 'x', expiresAt: new Date() } });
    const teacher = await db.prisma.user.create({ data: { id: 'user-2', name: 'Grace', email: 'grace@exemple.fr', role: 'instructor' } });
    const classroom = await db.prisma.classroom.create({
      data: {
        name: 'BTS SIO',
        joinCode: 'ABCDEFGH',
        instructorId: teacher.id,
        members: { create: [{ userId: user.id }] },
        assignments: { create: [{ kind: 'lab', slug: 'premiers-pas', dueAt: new Date('2027-03-12T17:00:00Z') }] },
        graderTokens: { create: [{ name: 'Moodle', tokenHash: 'empreinte-du-jeton', createdById: teacher.id }] },
      },
      include: { members: true, assignments: true, graderTokens: true },
    });
    expect(classroom.members).toHaveLength(1);
    expect(classroom.assignments[0]?.kind).toBe('lab');
    expect(classroom.graderTokens[0]).toMatchObject({ name: 'Moodle', lastUsedAt: null });
    await expect(
      db.prisma.graderToken.create({ data: { classroomId: classroom.id, name: 'bis', tokenHash: 'empreinte-du-jeton', createdById: teacher.id } }),
    ).rejects.toThrow();

    // Unknown roles and kinds never reach the database.
    await expect(db.prisma.user.update({ where: { id: user.id }, data: { role: 'superviseur' } })).rejects.toThrow();
    await expect(db.prisma.assignment.create({ data: { classroomId: classroom.id, kind: 'video', slug: 'x' } })).rejects.toThrow();
    // A teacher with classes is disabled, never deleted.
    await expect(db.prisma.user.delete({ where: { id: teacher.id } })).rejects.toThrow();

    await db.prisma.user.delete({ where: { id: user.id } });
    expect(await db.prisma.session.count()).toBe(0);
    expect(await db.prisma.account.count()).toBe(0);
    expect(await db.prisma.labSession.count({ where: { id: 'lab-1' } })).toBe(0);
    expect(await db.prisma.quizAttempt.count({ where: { ownerId: 'user-1' } })).toBe(0);
    expect(await db.prisma.classMember.count()).toBe(0);
    await db.prisma.classroom.delete({ where: { id: classroom.id } });
    expect(await db.prisma.assignment.count()).toBe(0);
    expect(await db.prisma.graderToken.count()).toBe(0);
  });

  it('stores LTI platforms and what hangs on them, with the deletes their foreign keys allow', async () => {
    const prisma = db.prisma;
    const student = await prisma.user.create({ data: { id: 'lti-user', name: 'Lin', email: 'lin@lti.invalid' } });
    const teacher = await prisma.user.create({ data: { id: 'lti-teacher', name: 'Ada', email: 'ada@lti.invalid', role: 'instructor' } });
    const classroom = await prisma.classroom.create({ data: { name: 'Cours LTI', joinCode: 'LTIABCDE', instructorId: teacher.id } });
    const platform = await prisma.ltiPlatform.create({
      data: { name: 'Moodle', issuer: 'https://moodle.exemple', clientId: 'c1', deploymentIds: ['1', '2'], authUrl: 'https://a', tokenUrl: 'https://t', jwksUrl: 'https://j' },
    });
    expect(platform.deploymentIds).toEqual(['1', '2']);
    await expect(prisma.ltiPlatform.create({ data: { ...platform, id: undefined } })).rejects.toThrow();
    await prisma.ltiKey.create({ data: { kid: 'k1', publicJwk: { kty: 'RSA', n: 'x', e: 'AQAB' }, privateJwkSealed: 'scelle' } });
    expect((await prisma.ltiKey.findUniqueOrThrow({ where: { kid: 'k1' } })).publicJwk).toMatchObject({ kty: 'RSA' });
    await prisma.ltiLaunchState.create({ data: { state: 's1', nonce: 'n1', platformId: platform.id, expiresAt: new Date() } });
    await expect(prisma.ltiLaunchState.create({ data: { state: 's2', nonce: 'n1', platformId: platform.id, expiresAt: new Date() } })).rejects.toThrow();
    await prisma.ltiIdentity.create({ data: { platformId: platform.id, sub: 'sub-1', userId: student.id } });
    await prisma.ltiContext.create({ data: { platformId: platform.id, contextId: 'cours-1', classroomId: classroom.id, membershipsUrl: 'https://m' } });
    await prisma.ltiTicket.create({ data: { tokenHash: 'h1', userId: student.id, target: '/labs/premiers-pas', expiresAt: new Date() } });
    await prisma.ltiDeepLink.create({ data: { id: 'dl1', platformId: platform.id, deploymentId: '1', userId: teacher.id, returnUrl: 'https://r', expiresAt: new Date() } });
    const link = await prisma.ltiGradeLink.create({
      data: { platformId: platform.id, userId: student.id, sub: 'sub-1', lab: 'premiers-pas', lineItemUrl: 'https://li/1', classroomId: classroom.id },
    });
    await prisma.ltiScoreOutbox.create({
      data: { gradeLinkId: link.id, scoreGiven: 2, scoreMaximum: 4, activityProgress: 'InProgress', gradingProgress: 'FullyGraded', comment: 'c', scoredAt: new Date(), status: 'pending', nextTryAt: new Date() },
    });
    // A platform must exist for what names it.
    await expect(prisma.ltiIdentity.create({ data: { platformId: 'inconnue', sub: 'x', userId: student.id } })).rejects.toThrow();

    // The class goes: its course link too; the scores stay, without a class.
    await prisma.classroom.delete({ where: { id: classroom.id } });
    expect(await prisma.ltiContext.count()).toBe(0);
    expect((await prisma.ltiGradeLink.findUniqueOrThrow({ where: { id: link.id } })).classroomId).toBeNull();
    // The platform goes: everything that named it.
    await prisma.ltiPlatform.delete({ where: { id: platform.id } });
    expect(await Promise.all([prisma.ltiLaunchState.count(), prisma.ltiIdentity.count(), prisma.ltiDeepLink.count(), prisma.ltiGradeLink.count(), prisma.ltiScoreOutbox.count()])).toEqual([0, 0, 0, 0, 0]);
    // The student goes: their tickets too.
    await prisma.user.delete({ where: { id: student.id } });
    expect(await prisma.ltiTicket.count()).toBe(0);
  });

  it('keeps the nightly lab tests’ runs and results, which go with their run', async () => {
    const prisma = db.prisma;
    const run = await prisma.labHealthRun.create({ data: { trigger: 'schedule', windowEndsAt: new Date(Date.now() + 3_600_000) } });
    await prisma.labHealthResult.create({
      data: { runId: run.id, lab: 'reseaux.arbre', pack: 'reseaux', packVersion: 'abc123', outcome: 'failed', stepIndex: 0, stepTitle: 'Un', problem: 'p', output: 'o', durationMs: 1_200 },
    });
    await prisma.labHealthResult.create({ data: { runId: run.id, lab: 'images', pack: 'dockyard', outcome: 'postponed' } });
    await prisma.labHealthRun.update({ where: { id: run.id }, data: { failed: { increment: 1 }, postponed: { increment: 1 }, finishedAt: new Date() } });
    expect(await prisma.labHealthRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ failed: 1, postponed: 1, passed: 0 });
    await expect(prisma.labHealthResult.create({ data: { runId: 'inconnu', lab: 'l', pack: 'p', outcome: 'passed' } })).rejects.toThrow();
    await prisma.labHealthRun.delete({ where: { id: run.id } });
    expect(await prisma.labHealthResult.count()).toBe(0);
  });

  it('keeps the packs admins added, one per name, and the pack version a session started on', async () => {
    const prisma = db.prisma;
    await prisma.contentPack.create({ data: { id: 'reseaux', location: 'https://git.exemple/reseaux.git#main', addedBy: 'admin' } });
    await expect(prisma.contentPack.create({ data: { id: 'reseaux', location: '/srv/autre' } })).rejects.toThrow();
    const session = await prisma.labSession.create({ data: { id: 'sess-pack', ownerId: 'o', lab: 'reseaux.premier', contentVersion: 'a'.repeat(40), expiresAt: new Date(Date.now() + 3_600_000) } });
    expect(session.contentVersion).toBe('a'.repeat(40));
    await prisma.contentPack.delete({ where: { id: 'reseaux' } });
    await prisma.labSession.delete({ where: { id: 'sess-pack' } });
  });

  it('keeps data across restarts', async () => {
    await db.prisma.labSession.create({ data: { id: 'sess-2', ownerId: 'o', lab: 'l', expiresAt: new Date(Date.now() + 3_600_000) } });
    await db.close();
    db = await home.open();
    expect(await db.prisma.labSession.findUnique({ where: { id: 'sess-2' } })).not.toBeNull();
  });
});
