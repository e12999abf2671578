/**
 * What a grader token looks like and how it is kept: « dkg_ » then 32 random bytes in
 * base64url (recognisable in a leaked config file; 256 bits cannot be guessed, so a fast
 * SHA-256 is enough to store it, unlike a password).
 */
import { createHash, randomBytes } from 'node:crypto';

export const TOKEN_PREFIX = 'dkg_';
const TOKEN_PATTERN = /^dkg_[A-Za-z0-9_-]{43}$/;

export function generateGraderToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function isGraderToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

export function hashGraderToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The token of an `Authorization: Bearer …` header, or null when there is none or it is not one of ours. */
export function bearerToken(authorization: string | null): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  const token = match?.[1];
  return token && isGraderToken(token) ? token : null;
}

