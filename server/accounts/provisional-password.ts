/**
 * A provisional password an admin reads out or copies to a student: 12 characters from an
 * alphabet without look-alikes (no 0/o, 1/l/i), in three groups — about 60 bits, far beyond
 * what the per-account sign-in limit lets anyone try.
 */
import { randomInt } from 'node:crypto';

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export function provisionalPassword(): string {
  const group = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${group()}-${group()}-${group()}`;
}
