import { describe, expect, it } from 'vitest';
import { assignmentStatus } from '@/server/progress/assignment-status';

const DUE = new Date('2026-11-20T18:00:00Z');
const BEFORE = new Date('2026-11-20T17:00:00Z');
const AFTER = new Date('2026-11-21T09:00:00Z');

describe('assignmentStatus', () => {
  it('follows the progress when there is no deadline', () => {
    expect(assignmentStatus({ status: 'in-progress', completedAt: null }, null, AFTER)).toBe('in-progress');
    expect(assignmentStatus({ status: 'done', completedAt: AFTER }, null, AFTER)).toBe('done');
  });

  it('is done when finished by the deadline, late when finished after it', () => {
    expect(assignmentStatus({ status: 'done', completedAt: BEFORE }, DUE, AFTER)).toBe('done');
    expect(assignmentStatus({ status: 'done', completedAt: AFTER }, DUE, AFTER)).toBe('late');
  });

  it('is late once the deadline passed without it being done, not before', () => {
    expect(assignmentStatus({ status: 'not-started', completedAt: null }, DUE, BEFORE)).toBe('not-started');
    expect(assignmentStatus({ status: 'not-started', completedAt: null }, DUE, AFTER)).toBe('late');
    expect(assignmentStatus({ status: 'in-progress', completedAt: null }, DUE, AFTER)).toBe('late');
  });
});
