/**
 * Issue 9, point 5: 150 checks in 8 s were all accepted, each stored 64 KiB of output, and one
 * student's evidence answer reached 9.9 MB. Through the real route handlers, on a real
 * database and a real sandbox: checks are limited per session (429, in French, saying when
 * to retry), a check's stored output is cut with a visible marker, and the drill-down and the
 * grader API read a student's history in pages of bounded size.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as createClassRoute } from '@/app/api/classes/route';
import { POST as assignRoute } from '@/app/api/classes/[id]/assignments/route';
import { GET as viewRoute } from '@/app/api/classes/[id]/route';
import { POST as joinRoute } from '@/app/api/classes/join/route';
import { POST as createTokenRoute } from '@/app/api/classes/[id]/tokens/route';
import { GET as evidenceRoute } from '@/app/api/classes/[id]/students/[userId]/labs/[slug]/route';
import { GET as graderEvidenceRoute } from '@/app/api/grader/v1/classes/[id]/students/[userId]/labs/[slug]/route';
import { GET as graderAttemptsRoute } from '@/app/api/grader/v1/classes/[id]/attempts/route';
import { POST as checkRoute } from '@/app/api/sessions/[id]/checks/route';
import { publishServices } from '@/server/services';
import { findLabSpec } from '@/server/sessions/find-lab-spec';
import { SessionService } from '@/server/sessions/session-service';
import { buildServices, ORIGIN, openPlatform, type Person, type Platform, type RouteHandler } from '../integration/platform-fixture';
import { requireImages } from '../integration/runtime/fixtures';
import { testDriver } from '../integration/runtime/test-driver';

const LAB = 'premiers-pas';
const MARKER = '\n[… sortie tronquée]';
/** What a check keeps of its output, marker included. */
const MAX_STORED = 8 * 1024 + MARKER.length;
/** The flood of the review: 150 presses of « Vérifier » at once. */
const FLOOD = 150;
/** A page of evidence: 50 entries of at most 8 KiB, well under this. */
const MAX_PAGE_BYTES = 1024 * 1024;

let platform: Platform;
let sessions: SessionService;
let student: Person;
let teacher: Person;
let classId: string;
let token: string;
let sessionId: string;
let flood: Array<{ status: number; body: { attempt?: { output: string; outputTruncated: boolean }; message?: string } }>;

const json = async (response: Response) => ({ status: response.status, text: await response.text() });

/** The student's check prints far more than a verify script should (its files, its containers…). */
async function findLab(slug: string) {
  const lab = await findLabSpec(slug);
  return lab && { ...lab, steps: lab.steps.map((step) => ({ ...step, verifyScript: "head -c 100000 /dev/zero | tr '\\0' x; echo; exit 1" })) };
}

function asGrader(handler: RouteHandler, url: string, params: Record<string, string>) {
  return handler(new Request(`${ORIGIN}${url}`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve(params) }).then(json);
}

beforeAll(async () => {
  await requireImages();
  platform = await openPlatform();
  sessions = new SessionService({ prisma: platform.db.prisma, driver: testDriver(), findLab });
  // The platform's services, around this session service (the route handlers read them).
  publishServices(buildServices({ prisma: platform.db.prisma, owners: platform.owners, sessions }));
  teacher = await platform.signUp({ role: 'instructor', name: 'M. Leroy' });
  student = await platform.signUp({ name: 'Alice Durand' });
  classId = JSON.parse((await json(await platform.call(createClassRoute, '/api/classes', { as: teacher, body: { name: 'BTS SIO 2' } }))).text).class.id;
  const view = JSON.parse((await json(await platform.call(viewRoute, `/api/classes/${classId}`, { as: teacher, params: { id: classId } }))).text);
  await platform.call(joinRoute, '/api/classes/join', { as: student, body: { code: view.view.managed.joinCode } });
  await platform.call(assignRoute, `/api/classes/${classId}/assignments`, { as: teacher, body: { kind: 'lab', slug: LAB }, params: { id: classId } });
  token = JSON.parse((await json(await platform.call(createTokenRoute, `/api/classes/${classId}/tokens`, { as: teacher, body: { name: 'Moodle' }, params: { id: classId } }))).text).token;
  sessionId = (await sessions.start(student.id, LAB, student.id)).id;
});

afterAll(async () => {
  if (sessionId) await sessions.endSession(sessionId, 'test-cleanup').catch(() => undefined);
  await platform?.close();
});

describe('a flood of checks', () => {
  beforeAll(async () => {
    const check = () => platform.call(checkRoute, `/api/sessions/${sessionId}/checks`, { as: student, body: { step: 0 }, params: { id: sessionId } });
    flood = await Promise.all(
      Array.from({ length: FLOOD }, async () => {
        const { status, text } = await json(await check());
        return { status, body: JSON.parse(text) };
      }),
    );
  });

  it('is cut at a minute’s worth per session: the rest is answered 429, in French, with when to retry', async () => {
    const statuses = flood.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(FLOOD - 10);
    const refusal = flood.find((response) => response.status === 429);
    expect(refusal?.body).toEqual({
      message: expect.stringMatching(/^Trop de vérifications en une minute pour ce lab : réessayez dans (\d+ secondes|1 minute),/),
    });
    expect(await platform.db.prisma.checkAttempt.count({ where: { sessionId } })).toBe(10);
  });

  it('stores at most 8 KiB of each check’s output, ending with the « sortie tronquée » marker the student sees', async () => {
    const accepted = flood.find((response) => response.status === 200)?.body.attempt;
    expect(accepted?.outputTruncated).toBe(true);
    expect(accepted?.output.endsWith(MARKER)).toBe(true);
    const rows = await platform.db.prisma.checkAttempt.findMany({ where: { sessionId } });
    for (const row of rows) {
      expect(row.output.length).toBeLessThanOrEqual(MAX_STORED);
      expect(row.output.endsWith(MARKER)).toBe(true);
    }
  });
});

describe('a student’s evidence after a flood', () => {
  let stored = 0;
  let events = 0;

  beforeAll(async () => {
    // What the unfixed server had stored: 150 attempts of 64 KiB each, with hints in between.
    const earlier = randomUUID();
    const start = new Date(Date.now() - 3_600_000);
    await platform.db.prisma.labSession.create({
      data: { id: earlier, ownerId: student.id, userId: student.id, lab: LAB, state: 'ended', createdAt: start, expiresAt: start, endedAt: new Date(start.getTime() + 60_000) },
    });
    await platform.db.prisma.checkAttempt.createMany({
      data: Array.from({ length: FLOOD }, (_, i) => ({
        sessionId: earlier,
        step: 0,
        passed: false,
        exitCode: 1,
        output: `essai ${i} `.padEnd(64 * 1024, 'x'),
        durationMs: 50,
        // Some in the same millisecond: paging must neither skip nor repeat them.
        createdAt: new Date(start.getTime() + Math.floor(i / 3)),
      })),
    });
    await platform.db.prisma.stepEvent.createMany({
      data: [0, 1, 2].map((hint) => ({ sessionId: earlier, step: 0, kind: 'hint', hint, createdAt: new Date(start.getTime() + hint * 20) })),
    });
    stored = await platform.db.prisma.checkAttempt.count({ where: { session: { userId: student.id } } });
    events = await platform.db.prisma.stepEvent.count({ where: { session: { userId: student.id } } });
  });

  /** Every page from the first, following the cursors: each answer's size, and what they held together. */
  async function readAllPages(read: (after: string) => Promise<{ status: number; text: string }>) {
    const sizes: number[] = [];
    const attempts: Array<{ output: string; outputTruncated: boolean; at: string }> = [];
    let eventCount = 0;
    let after = '';
    for (let page = 0; page < 20; page++) {
      const { status, text } = await read(after);
      expect(status).toBe(200);
      sizes.push(Buffer.byteLength(text));
      const { evidence } = JSON.parse(text);
      attempts.push(...evidence.attempts);
      eventCount += evidence.events.length;
      expect(evidence.attempts.length + evidence.events.length).toBeLessThanOrEqual(50);
      if (!evidence.more) break;
      expect(evidence.cursor).toEqual(expect.any(String));
      after = `?after=${encodeURIComponent(evidence.cursor)}`;
    }
    console.info(`[mesure] détail d'un étudiant : ${sizes.length} pages, la plus grosse ${Math.round(Math.max(...sizes) / 1024)} Kio`);
    return { sizes, attempts, eventCount };
  }

  it('comes to the drill-down in pages of bounded size, with a cursor to the next, holding every attempt once', async () => {
    const url = `/api/classes/${classId}/students/${student.id}/labs/${LAB}`;
    const params = { id: classId, userId: student.id, slug: LAB };
    const { sizes, attempts, eventCount } = await readAllPages(async (after) => json(await platform.call(evidenceRoute, `${url}${after}`, { as: teacher, params })));
    expect(Math.max(...sizes)).toBeLessThan(MAX_PAGE_BYTES);
    expect(sizes.length).toBeGreaterThan(1);
    expect(attempts).toHaveLength(stored);
    expect(eventCount).toBe(events);
    expect(new Set(attempts.map((attempt) => attempt.output.slice(0, 12))).size).toBe(FLOOD + 1);
    // Attempts stored before the cap are cut when read, and say so.
    for (const attempt of attempts) {
      expect(attempt.output.length).toBeLessThanOrEqual(MAX_STORED);
      expect(attempt.outputTruncated).toBe(true);
      expect(attempt.output.endsWith(MARKER)).toBe(true);
    }
  });

  it('comes to the grader API in pages of bounded size too, and its bulk read stays bounded', async () => {
    const url = `/api/grader/v1/classes/${classId}/students/${student.id}/labs/${LAB}`;
    const params = { id: classId, userId: student.id, slug: LAB };
    const { sizes, attempts } = await readAllPages((after) => asGrader(graderEvidenceRoute, `${url}${after}`, params));
    expect(Math.max(...sizes)).toBeLessThan(MAX_PAGE_BYTES);
    expect(attempts).toHaveLength(stored);

    const bulk = await asGrader(graderAttemptsRoute, `/api/grader/v1/classes/${classId}/attempts?limit=200`, { id: classId });
    expect(bulk.status).toBe(200);
    expect(JSON.parse(bulk.text).attempts).toHaveLength(stored);
    expect(Buffer.byteLength(bulk.text)).toBeLessThan(2 * MAX_PAGE_BYTES);
  });
});
