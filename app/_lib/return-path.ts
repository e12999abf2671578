/**
 * Where to go back after signing in (« ?retour=/labs/premiers-pas »). Only a path of this
 * site is accepted: anything else (https://…, //host, /\host) would make the sign-in page
 * an open redirect.
 */
export const RETURN_PARAM = 'retour';
/** Where a sign-in with nowhere to go back to leads: the student's classes and assignments. */
export const AFTER_SIGN_IN = '/classes';

export function safeReturnPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 512) return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return null;
  // Control characters could hide a scheme from this check but not from a browser.
  if ([...value].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) return null;
  return value;
}

/** « /connexion?retour=… » for a page that needs an account. */
export function signInHref(returnTo: string | null, page: '/connexion' | '/inscription' = '/connexion'): string {
  const safe = safeReturnPath(returnTo);
  return safe ? `${page}?${RETURN_PARAM}=${encodeURIComponent(safe)}` : page;
}
