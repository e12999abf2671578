import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/server/env';
import { stuckFlags, type StuckSessionRecords } from '@/server/progress/stuck-students';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 7, 9, minute));
const NOW = at(30);
const RULES = { now: NOW, idleMs: 10 * 60_000 };

/** A running session of a 4-step lab, active a minute ago, on step 1 (0-based 0). */
function session(overrides: Partial<StuckSessionRecords> = {}): StuckSessionRecords {
  return {
    id: 'session-a',
    userId: 'alice',
    lab: 'premiers-pas',
    state: 'running',
    lastActiveAt: at(29),
    pausedAt: null,
    stepCount: 4,
    attempts: [],
    events: [{ step: 0, kind: 'started', createdAt: at(0) }],
    ...overrides,
  };
}

const fail = (step: number, minute: number) => ({ step, passed: false, createdAt: at(minute) });
const pass = (step: number, minute: number) => ({ step, passed: true, createdAt: at(minute) });
const summary = (sessions: StuckSessionRecords[]) => stuckFlags(sessions, RULES).map((flag) => [flag.reason, flag.step, flag.count]);

describe('stuckFlags: three failures of the same check', () => {
  it('flags a step whose check failed three times in a row, with how many', () => {
    expect(summary([session({ attempts: [fail(1, 1), fail(1, 2), fail(1, 3)] })])).toEqual([['failures', 1, 3]]);
    expect(summary([session({ attempts: [fail(1, 1), fail(1, 2), fail(1, 3), fail(1, 4)] })])).toEqual([['failures', 1, 4]]);
  });

  it('does not flag two failures, nor failures spread over different steps', () => {
    expect(summary([session({ attempts: [fail(1, 1), fail(1, 2)] })])).toEqual([]);
    expect(summary([session({ attempts: [fail(0, 1), fail(1, 2), fail(2, 3)] })])).toEqual([]);
  });

  it('counts only the failures since the step last passed', () => {
    expect(summary([session({ attempts: [fail(1, 1), fail(1, 2), pass(1, 3), fail(1, 4)] })])).toEqual([]);
  });

  it('keeps the run when another step is checked in between', () => {
    expect(summary([session({ attempts: [fail(1, 1), fail(1, 2), pass(0, 3), fail(1, 4)] })])).toEqual([['failures', 1, 3]]);
  });

  it('clears once the student passes the step', () => {
    expect(summary([session({ attempts: [fail(1, 1), fail(1, 2), fail(1, 3), pass(1, 4)] })])).toEqual([]);
  });

  it('reads attempts in time order, whatever order they come in', () => {
    expect(summary([session({ attempts: [fail(1, 3), pass(1, 1), fail(1, 2), fail(1, 4)] })])).toEqual([['failures', 1, 3]]);
  });

  it('dates the flag from the third failure', () => {
    const [flag] = stuckFlags([session({ attempts: [fail(1, 1), fail(1, 2), fail(1, 5), fail(1, 9)] })], RULES);
    expect(flag?.since).toEqual(at(5));
  });
});

describe('stuckFlags: a solution revealed', () => {
  const solution = (step: number, minute: number) => ({ step, kind: 'solution', createdAt: at(minute) });

  it('flags the step whose solution was shown', () => {
    expect(summary([session({ events: [solution(2, 10)] })])).toEqual([['solution', 2, 0]]);
  });

  it('clears once the step passes, and ignores a solution read after passing', () => {
    expect(summary([session({ events: [solution(2, 10)], attempts: [pass(2, 12)] })])).toEqual([]);
    expect(summary([session({ events: [solution(2, 10)], attempts: [pass(2, 8)] })])).toEqual([]);
  });

  it('ignores hints', () => {
    expect(summary([session({ events: [{ step: 2, kind: 'hint', createdAt: at(10) }] })])).toEqual([]);
  });
});

describe('stuckFlags: idle on a step', () => {
  const opened = (...steps: number[]) => steps.map((step) => ({ step, kind: 'started', createdAt: at(step) }));

  it('flags a running session without activity for the delay, on the furthest step opened, in whole minutes', () => {
    const [flag] = stuckFlags([session({ lastActiveAt: new Date(at(17).getTime() - 30_000), events: opened(0, 1, 2) })], RULES);
    expect(flag).toMatchObject({ reason: 'idle', step: 2, count: 13, running: true });
  });

  it('does not flag before the delay', () => {
    expect(summary([session({ lastActiveAt: at(21) })])).toEqual([]);
  });

  it('reads a session whose first step was never opened as on the first step', () => {
    expect(summary([session({ lastActiveAt: at(0), events: [] })])).toEqual([['idle', 0, 30]]);
  });

  it('does not flag a student on the conclusion: they are done', () => {
    expect(summary([session({ lastActiveAt: at(0), events: opened(0, 1, 2, 3, 4) })])).toEqual([]);
  });

  it('does not flag a paused session as idle', () => {
    expect(summary([session({ state: 'paused', pausedAt: at(25), lastActiveAt: at(0) })])).toEqual([]);
  });
});

describe('stuckFlags: which sessions count', () => {
  const failing = { attempts: [fail(1, 1), fail(1, 2), fail(1, 3)] };

  it('forgets an ended session: the student finished or left', () => {
    expect(summary([session({ ...failing, state: 'ended' })])).toEqual([]);
  });

  it('keeps a session paused within the delay, without a live view, and forgets it after', () => {
    const [recent] = stuckFlags([session({ ...failing, state: 'paused', pausedAt: at(25) })], RULES);
    expect(recent).toMatchObject({ reason: 'failures', running: false });
    expect(summary([session({ ...failing, state: 'paused', pausedAt: at(15) })])).toEqual([]);
  });

  it('keeps sessions apart: failures in two sessions do not add up', () => {
    const older = session({ id: 'session-old', attempts: [fail(1, 1), fail(1, 2)] });
    expect(summary([older, session({ attempts: [fail(1, 3)] })])).toEqual([]);
  });

  it('lists the longest-standing first, each with a key that lasts as long as the condition', () => {
    const bob = session({ id: 'session-b', userId: 'bob', events: [{ step: 0, kind: 'solution', createdAt: at(2) }] });
    const alice = session({ attempts: [fail(1, 5), fail(1, 6), fail(1, 7), fail(1, 8)] });
    expect(stuckFlags([alice, bob], RULES).map((flag) => flag.key)).toEqual(['session-b/solution/0', 'session-a/failures/1']);
  });
});

describe('DOCKYARD_STUCK_IDLE_MINUTES', () => {
  it('flags idle labs after 10 minutes unless set, and refuses a delay that is not one', () => {
    expect(parseEnv({}).DOCKYARD_STUCK_IDLE_MINUTES).toBe(10);
    expect(parseEnv({ DOCKYARD_STUCK_IDLE_MINUTES: '15' }).DOCKYARD_STUCK_IDLE_MINUTES).toBe(15);
    expect(() => parseEnv({ DOCKYARD_STUCK_IDLE_MINUTES: '0' })).toThrow(/DOCKYARD_STUCK_IDLE_MINUTES/);
  });
});
