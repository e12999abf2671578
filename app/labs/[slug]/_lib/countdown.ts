/** How the lab page says how long a session has left (pure, so it is tested without a browser). */

const MINUTE_MS = 60_000;

/** Under this, the page warns that the machine will soon be deleted. */
export const EXPIRY_WARNING_MS = 5 * MINUTE_MS;

/**
 * « 1 h 30 min », « 42 min », and to the second in the last five minutes (« 4 min 05 s »).
 * Minutes are rounded up: right after the start, an hour shows as « 1 h », not « 59 min ».
 */
export function formatRemaining(ms: number): string {
  if (ms <= 0) return '0 min';
  if (ms <= EXPIRY_WARNING_MS) {
    const seconds = Math.ceil(ms / 1000);
    const minutes = Math.floor(seconds / 60);
    const rest = String(seconds % 60).padStart(2, '0');
    return minutes === 0 ? `${seconds} s` : `${minutes} min ${rest} s`;
  }
  const minutes = Math.ceil(ms / MINUTE_MS);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
