import { describe, expect, it } from 'vitest';
import { machinesOf, restingState, withRestorableStep } from '@/app/labs/[slug]/_lib/lab-session-state';
import type { SessionView } from '@/server/sessions/session-view';

const session = (state: SessionView['state'], restorableSteps: number[] = []): SessionView => ({
  id: 's1',
  lab: 'premiers-pas',
  state,
  nodes: ['node1'],
  startedAt: '2027-03-12T09:00:00.000Z',
  pausedAt: state === 'paused' ? '2027-03-12T10:00:00.000Z' : null,
  keepUntil: state === 'paused' ? '2027-03-26T10:00:00.000Z' : null,
  keepReason: state === 'paused' ? 'retention' : null,
  restorableSteps,
  expiresAt: '2027-03-12T10:00:00.000Z',
  maxExpiresAt: '2027-03-12T11:00:00.000Z',
});

describe('the lab page at rest', () => {
  it('shows a running session’s terminal, a paused one’s panel with why, and « Démarrer » otherwise', () => {
    expect(restingState(session('running')).phase).toBe('running');
    expect(restingState(session('paused'), { kind: 'time-up' })).toMatchObject({ phase: 'paused', notice: { kind: 'time-up' } });
    expect(restingState(session('ended'))).toEqual({ phase: 'idle', session: null });
    expect(restingState(null)).toEqual({ phase: 'idle', session: null });
  });

  it('offers « Revenir » to a step as soon as it is passed, once, in order', () => {
    const passed = withRestorableStep(session('running', [0, 3]), 1);
    expect(passed.restorableSteps).toEqual([0, 1, 3]);
    expect(withRestorableStep(passed, 1)).toBe(passed);
  });

  it('lets the steps check only on ready machines, and says how to get them ready', () => {
    expect(machinesOf(restingState(session('running')))).toBe('ready');
    expect(machinesOf(restingState(session('paused')))).toBe('paused');
    expect(machinesOf({ phase: 'restoring', session: session('running'), step: 0 })).toBe('busy');
    expect(machinesOf({ phase: 'resuming', session: session('paused') })).toBe('busy');
    expect(machinesOf({ phase: 'loading', session: null })).toBe('busy');
    expect(machinesOf({ phase: 'idle', session: null })).toBe('absent');
    expect(machinesOf({ phase: 'signed-out', session: null })).toBe('absent');
  });
});
