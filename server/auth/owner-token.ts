/**
 * The browser's own identity where no account is involved: a random owner id, signed with
 * the server's secret, in an httpOnly cookie. In workshop mode (DOCKYARD_ANONYMOUS_LABS) it
 * owns the lab sessions a browser starts without an account; everywhere, it owns a visitor's
 * quiz attempts (Caller.labOwner, Caller.quizOwner). A signed-in user's labs and attempts
 * belong to the account instead.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

export const OWNER_COOKIE = 'dockyard_owner';
const ONE_YEAR_SECONDS = 365 * 24 * 3600;

export class OwnerTokens {
  constructor(private readonly secret: string) {}

  issue(ownerId: string = randomUUID()): string {
    return `${ownerId}.${this.sign(ownerId)}`;
  }

  /** The owner id if the token is well-formed and signed by us, else null. */
  verify(token: string | undefined): string | null {
    if (!token) return null;
    const dot = token.lastIndexOf('.');
    if (dot <= 0) return null;
    const ownerId = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1));
    const expected = Buffer.from(this.sign(ownerId));
    return given.length === expected.length && timingSafeEqual(given, expected) ? ownerId : null;
  }

  /** The owner id found in a Cookie header, if valid. */
  fromCookieHeader(header: string | undefined): string | null {
    return this.verify(readCookie(header, OWNER_COOKIE));
  }

  setCookieHeader(token: string, secure: boolean): string {
    const flags = ['Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${ONE_YEAR_SECONDS}`];
    if (secure) flags.push('Secure');
    return `${OWNER_COOKIE}=${token}; ${flags.join('; ')}`;
  }

  private sign(value: string): string {
    return createHmac('sha256', this.secret).update(value).digest('base64url');
  }
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}
