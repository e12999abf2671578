/**
 * A preview grant proves, inside the URL, that the server already checked the owner cookie
 * for this session: `{owner id, base64url}.{HMAC(owner id, session id)}`. It is needed because
 * a proxied page runs with an opaque origin (CSP sandbox), so its styles, scripts and fetches
 * reach the proxy without the SameSite owner cookie. It is worth nothing once the session
 * ends: every request still goes through SessionService with the owner id it names.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Separates this use of the server secret from the owner cookie's signatures. */
const PURPOSE = 'dockyard-preview-grant';
/** 128 bits of HMAC-SHA256, base64url. */
const MAC_CHARS = 22;

export class PreviewGrants {
  constructor(private readonly secret: string) {}

  issue(ownerId: string, sessionId: string): string {
    return `${Buffer.from(ownerId, 'utf8').toString('base64url')}.${this.mac(ownerId, sessionId)}`;
  }

  /** The owner id the grant was issued to for this session, or null if it is not ours. */
  verify(grant: string, sessionId: string): string | null {
    const dot = grant.indexOf('.');
    if (dot <= 0) return null;
    const ownerId = Buffer.from(grant.slice(0, dot), 'base64url').toString('utf8');
    const given = Buffer.from(grant.slice(dot + 1));
    const expected = Buffer.from(this.mac(ownerId, sessionId));
    return given.length === expected.length && timingSafeEqual(given, expected) ? ownerId : null;
  }

  private mac(ownerId: string, sessionId: string): string {
    return createHmac('sha256', this.secret)
      .update(`${PURPOSE}\0${ownerId}\0${sessionId}`)
      .digest('base64url')
      .slice(0, MAC_CHARS);
  }
}
