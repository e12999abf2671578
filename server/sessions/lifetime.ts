/**
 * How long a lab session lives and how many may run at once, as pure rules on dates and
 * numbers: the session service applies them, tests check them without a clock or an engine.
 */

const MINUTE_MS = 60_000;

export interface LifetimeSettings {
  /** Lifetime a session gets when it starts (capped by maxMs). */
  initialMs: number;
  /** What one « Prolonger » adds. */
  extendMs: number;
  /** No session outlives its start by more than this, however often it is extended. */
  maxMs: number;
}

export interface CapacitySettings {
  /** Running sessions one owner may hold at once, across labs. */
  perOwner: number;
  /** Running sessions at once per runtime machine that takes new ones (a cluster member online, not in maintenance). */
  perMachine: number;
}

export const DEFAULT_LIFETIME: LifetimeSettings = { initialMs: 60 * MINUTE_MS, extendMs: 30 * MINUTE_MS, maxMs: 120 * MINUTE_MS };
export const DEFAULT_CAPACITY: CapacitySettings = { perOwner: 3, perMachine: 60 };

/** Places for running sessions: so many per machine that takes new ones. */
export function sessionPlaces(perMachine: number, machines: Array<{ state: string }>): { places: number; machines: number } {
  const online = machines.filter((machine) => machine.state === 'online').length;
  return { places: online * perMachine, machines: online };
}

/**
 * A lab's time limit: its sessions last that long from their start and cannot be extended
 * past it (nor past the operator's maximum). Without a limit, the operator's rules apply.
 */
export function withTimeLimit(settings: LifetimeSettings, timeLimitMinutes: number | null): LifetimeSettings {
  if (timeLimitMinutes === null) return settings;
  const limitMs = Math.min(timeLimitMinutes * MINUTE_MS, settings.maxMs);
  return { ...settings, initialMs: limitMs, maxMs: limitMs };
}

export function initialExpiry(createdAt: Date, settings: LifetimeSettings): Date {
  return new Date(createdAt.getTime() + Math.min(settings.initialMs, settings.maxMs));
}

export function maxExpiry(createdAt: Date, settings: LifetimeSettings): Date {
  return new Date(createdAt.getTime() + settings.maxMs);
}

/** The expiry after one « Prolonger », or null when the session is already at its maximum. */
export function extendedExpiry(expiresAt: Date, createdAt: Date, settings: LifetimeSettings): Date | null {
  const ceiling = maxExpiry(createdAt, settings).getTime();
  if (expiresAt.getTime() >= ceiling) return null;
  return new Date(Math.min(expiresAt.getTime() + settings.extendMs, ceiling));
}

/** Whole minutes until `soonest` (at least 1): the wait announced when there is no room. */
export function minutesUntil(soonest: Date, now: Date): number {
  return Math.max(1, Math.ceil((soonest.getTime() - now.getTime()) / MINUTE_MS));
}

/** « 1 minute », « 75 minutes ». */
export function pluralMinutes(minutes: number): string {
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/** « 45 minutes », « 2 h », « 1 h 30 min »: a duration for French messages. */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return pluralMinutes(minutes);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
