/**
 * What a lab node's status is, from Incus's view of the node and of its cluster member, and
 * what that means for its session: Incus declares members down or in maintenance; a node it
 * cannot reach for a moment ends nobody's lab.
 */
import { describe, expect, it } from 'vitest';
import type { RuntimeMachine } from '@/runtime/driver';
import { machineOf, sandboxStatus } from '@/runtime/incus/runtime-machines';
import { endedMessage, endReasonOfNodes } from '@/server/sessions/end-reasons';

const machines: RuntimeMachine[] = [
  { name: 'm1', state: 'online' },
  { name: 'm2', state: 'down' },
  { name: 'm3', state: 'maintenance' },
];

describe('a node’s status', () => {
  it('follows its member', () => {
    expect(sandboxStatus({ status: 'Running', location: 'm1' }, machines)).toBe('running');
    expect(sandboxStatus({ status: 'Error', location: 'm2' }, machines)).toBe('machine-down');
    expect(sandboxStatus({ status: 'Stopped', location: 'm3' }, machines)).toBe('maintenance');
    expect(sandboxStatus({ status: 'Error', location: 'm1' }, machines)).toBe('unreachable');
    expect(sandboxStatus({ status: 'Stopped', location: 'm1' }, machines)).toBe('stopped');
  });

  it('on a machine alone (Incus not clustered, location « none »), is the instance’s', () => {
    const alone: RuntimeMachine[] = [{ name: 'vm', state: 'online' }];
    expect(sandboxStatus({ status: 'Running', location: 'none' }, alone)).toBe('running');
    expect(sandboxStatus({ status: 'Stopped', location: 'none' }, alone)).toBe('stopped');
  });
});

describe('a session, from its nodes', () => {
  it('ends when a node’s machine is down or in maintenance, or a node is gone; not while a machine is only silent', () => {
    expect(endReasonOfNodes(['running', 'machine-down'])).toBe('machine-down');
    expect(endReasonOfNodes(['maintenance', 'running'])).toBe('maintenance');
    expect(endReasonOfNodes(['running', undefined])).toBe('lost');
    expect(endReasonOfNodes(['stopped'])).toBe('lost');
    expect(endReasonOfNodes(['running', 'unreachable'])).toBeNull();
    expect(endReasonOfNodes(['running', 'running'])).toBeNull();
  });

  it('tells the student why, in French, when they did not end it themselves', () => {
    expect(endedMessage('machine-down')).toMatch(/^Le serveur qui faisait tourner ce lab ne répond plus .* Relancez le lab/);
    expect(endedMessage('maintenance')).toMatch(/mis en maintenance/);
    expect(endedMessage('finished')).toBeUndefined();
  });
});

describe('a node’s machine (the metrics’ sessions by machine)', () => {
  it('is its cluster member, or the only machine when Incus is alone', () => {
    expect(machineOf({ location: 'm2' }, machines)).toBe('m2');
    expect(machineOf({ location: 'none' }, [{ name: 'vm', state: 'online' }])).toBe('vm');
  });
});
