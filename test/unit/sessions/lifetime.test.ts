import { describe, expect, it } from 'vitest';
import { CapacityError } from '@/server/sessions/capacity-error';
import {
  sessionPlaces,
  extendedExpiry,
  formatMinutes,
  initialExpiry,
  maxExpiry,
  minutesUntil,
  withTimeLimit,
  type LifetimeSettings,
} from '@/server/sessions/lifetime';
import { toEnvelope } from '@/server/errors';

const MIN = 60_000;
const settings: LifetimeSettings = { initialMs: 60 * MIN, extendMs: 30 * MIN, maxMs: 120 * MIN };
const start = new Date('2026-12-01T09:00:00Z');
const at = (minutes: number) => new Date(start.getTime() + minutes * MIN);

describe('session lifetime', () => {
  it('starts with the initial lifetime, capped by the maximum', () => {
    expect(initialExpiry(start, settings)).toEqual(at(60));
    expect(initialExpiry(start, { ...settings, initialMs: 500 * MIN })).toEqual(at(120));
    expect(maxExpiry(start, settings)).toEqual(at(120));
  });

  it('extends by one step at a time and stops at the maximum', () => {
    expect(extendedExpiry(at(60), start, settings)).toEqual(at(90));
    expect(extendedExpiry(at(90), start, settings)).toEqual(at(120));
    expect(extendedExpiry(at(110), start, settings)).toEqual(at(120));
    expect(extendedExpiry(at(120), start, settings)).toBeNull();
  });

  it('gives a timed lab exactly its time limit, which « Prolonger » cannot pass', () => {
    const timed = withTimeLimit(settings, 45);
    expect(initialExpiry(start, timed)).toEqual(at(45));
    expect(maxExpiry(start, timed)).toEqual(at(45));
    expect(extendedExpiry(at(45), start, timed)).toBeNull();
    // Longer than the operator allows: the operator's maximum wins.
    expect(initialExpiry(start, withTimeLimit(settings, 500))).toEqual(at(120));
    expect(withTimeLimit(settings, null)).toBe(settings);
  });

  it('announces a wait in whole minutes, never zero', () => {
    expect(minutesUntil(at(42), start)).toBe(42);
    expect(minutesUntil(new Date(start.getTime() + 41 * MIN + 1), start)).toBe(42);
    expect(minutesUntil(start, start)).toBe(1);
    expect(minutesUntil(at(-5), start)).toBe(1);
  });

  it('writes durations the French way', () => {
    expect(formatMinutes(1)).toBe('1 minute');
    expect(formatMinutes(45)).toBe('45 minutes');
    expect(formatMinutes(120)).toBe('2 h');
    expect(formatMinutes(90)).toBe('1 h 30 min');
  });
});

describe('no room left', () => {
  it('is a 429 for a student at their limit, with the wait and what to do', () => {
    const { status, body } = toEnvelope(new CapacityError('owner', 12, 3));
    expect(status).toBe(429);
    expect(body.message).toBe('Plus de place pour le moment : réessayez dans 12 minutes.');
    expect(body.detail).toMatch(/3 labs en cours.*terminez-en un/);
  });

  it('is a 503 when the machine is full', () => {
    const { status, body } = toEnvelope(new CapacityError('machine', 1, 60));
    expect(status).toBe(503);
    expect(body.message).toBe('Plus de place pour le moment : réessayez dans 1 minute.');
    expect(body.detail).toMatch(/Les 60 places de cette machine sont occupées/);
  });

  it('counts the places of every lab server that takes labs, and says when none does', () => {
    expect(sessionPlaces(60, [{ state: 'online' }, { state: 'down' }, { state: 'maintenance' }, { state: 'online' }])).toEqual({ places: 120, machines: 2 });
    expect(toEnvelope(new CapacityError('machine', 5, 120, 2)).body.detail).toMatch(/Les 120 places des 2 serveurs de labs sont occupées/);
    const none = toEnvelope(new CapacityError('machine', 1, 0, 0));
    expect(none.status).toBe(503);
    expect(none.body.detail).toMatch(/Aucun serveur de labs ne prend de nouveau lab/);
  });
});
