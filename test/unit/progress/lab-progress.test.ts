import { describe, expect, it } from 'vitest';
import { computeLabProgress, sessionDurationMs, type LabRecords } from '@/server/progress/lab-progress';

const STEPS = [
  { title: 'Lancer', points: 2, graded: true },
  { title: 'Lister', points: 3, graded: true },
  { title: 'Nommer', points: 5, graded: true },
];
const at = (minute: number) => new Date(Date.UTC(2026, 10, 22, 9, minute));
const none: LabRecords = { attempts: [], events: [], sessions: [] };

describe('computeLabProgress', () => {
  it('is « not started » with no session and no attempt, and resumes at the first step', () => {
    const progress = computeLabProgress(STEPS, none);
    expect(progress).toMatchObject({ score: 0, maxScore: 10, stepsPassed: 0, status: 'not-started', resumeStep: 0, timeSpentMs: 0 });
  });

  it('sums the points of passed steps only, and resumes at the first step not passed', () => {
    const progress = computeLabProgress(STEPS, {
      ...none,
      sessions: [{ createdAt: at(0), lastActiveAt: at(10), endedAt: null }],
      attempts: [
        { step: 0, passed: false, createdAt: at(1) },
        { step: 0, passed: true, createdAt: at(2) },
        { step: 2, passed: true, createdAt: at(8) },
        { step: 1, passed: false, createdAt: at(9) },
      ],
    });
    expect(progress).toMatchObject({ score: 7, stepsPassed: 2, status: 'in-progress', resumeStep: 1, completedAt: null });
    expect(progress.steps.map((step) => [step.passed, step.attempts])).toEqual([[true, 2], [false, 1], [true, 1]]);
    expect(progress.steps[0]?.passedAt).toEqual(at(2));
  });

  it('counts a step passed in an earlier session, after a reset or a new session', () => {
    const progress = computeLabProgress(STEPS, {
      ...none,
      sessions: [
        { createdAt: at(0), lastActiveAt: at(5), endedAt: at(5) },
        { createdAt: at(20), lastActiveAt: at(30), endedAt: null },
      ],
      attempts: [
        { step: 0, passed: true, createdAt: at(3) },
        { step: 1, passed: true, createdAt: at(22) },
        { step: 2, passed: true, createdAt: at(29) },
      ],
    });
    expect(progress).toMatchObject({ score: 10, status: 'done', resumeStep: null, completedAt: at(29), timeSpentMs: 15 * 60_000 });
  });

  it('still gives the points of a step passed after its solution was revealed, and flags it', () => {
    const progress = computeLabProgress(STEPS, {
      sessions: [{ createdAt: at(0), lastActiveAt: at(1), endedAt: null }],
      attempts: [{ step: 1, passed: true, createdAt: at(5) }],
      events: [
        { step: 1, kind: 'hint', hint: 0 },
        { step: 1, kind: 'hint', hint: 0 },
        { step: 1, kind: 'hint', hint: 1 },
        { step: 1, kind: 'solution', hint: 0 },
        { step: 1, kind: 'started', hint: 0 },
      ],
    });
    expect(progress.score).toBe(3);
    expect(progress.steps[1]).toMatchObject({ passed: true, solutionRevealed: true, hintsShown: 2 });
    expect(progress.steps[0]).toMatchObject({ solutionRevealed: false, hintsShown: 0 });
  });

  it('is in progress as soon as a session started, even with nothing checked', () => {
    const progress = computeLabProgress(STEPS, { ...none, sessions: [{ createdAt: at(0), lastActiveAt: at(0), endedAt: null }] });
    expect(progress.status).toBe('in-progress');
  });

  it('neither grades nor waits for a step without a check', () => {
    const steps = [{ title: 'Lire', points: 4, graded: false }, ...STEPS.slice(0, 1)];
    const progress = computeLabProgress(steps, { ...none, sessions: [], attempts: [{ step: 1, passed: true, createdAt: at(1) }] });
    expect(progress).toMatchObject({ score: 2, maxScore: 2, status: 'done', resumeStep: null });
    expect(progress.steps[0]).toMatchObject({ graded: false, passed: false, points: 0 });
  });
});

describe('sessionDurationMs', () => {
  it('runs to the end of an ended session, and to the last activity of a running one', () => {
    expect(sessionDurationMs({ createdAt: at(0), lastActiveAt: at(3), endedAt: at(12) })).toBe(12 * 60_000);
    expect(sessionDurationMs({ createdAt: at(0), lastActiveAt: at(3), endedAt: null })).toBe(3 * 60_000);
  });
});
