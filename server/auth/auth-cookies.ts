/**
 * Dockyard's cookies all start with « dockyard »: the anonymous owner cookie (dockyard_owner)
 * and better-auth's (dockyard.session_token…, with a __Secure- prefix over HTTPS). The preview
 * proxy never lets a student's server read or set any of them.
 */
export const AUTH_COOKIE_PREFIX = 'dockyard';

export function isDockyardCookie(name: string): boolean {
  return name.replace(/^__(Secure|Host)-/i, '').toLowerCase().startsWith(AUTH_COOKIE_PREFIX);
}
