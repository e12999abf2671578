/**
 * The shape of preview URLs. Two forms share one prefix scheme:
 *
 *   /preview/{sessionId}/{node}/{port}/{path}                 entry: checked by owner cookie
 *   /preview/{sessionId}.{grant}/{node}/{port}/{path}         granted: checked by the grant
 *
 * The entry form is what the lab links to; it redirects to the granted form, whose prefix
 * carries its own proof of ownership because the proxied page has an opaque origin and its
 * sub-requests (styles, scripts, fetch) carry no SameSite cookie (see docs/security.md).
 */

export const PREVIEW_ROOT = '/preview/';

export interface PreviewRoute {
  sessionId: string;
  /** Present in the granted form. */
  grant?: string;
  node: string;
  port: number;
  /** The raw path and query after the prefix: '' or starts with '/' or '?'. */
  rest: string;
}

const SESSION_ID = /^[A-Za-z0-9-]{1,64}$/;
const GRANT = /^[A-Za-z0-9_-]{1,200}\.[A-Za-z0-9_-]{16,64}$/;
const NODE = /^[a-z][a-z0-9-]{0,30}$/;
const PORT = /^[1-9][0-9]{0,4}$/;

/** True for any URL under /preview/, valid or not: those never reach Next. */
export function isPreviewUrl(url: string | undefined): boolean {
  return url !== undefined && (url.startsWith(PREVIEW_ROOT) || url === '/preview');
}

/** Parses a raw request URL; null when it is not a well-formed preview URL. */
export function parsePreviewUrl(url: string): PreviewRoute | null {
  if (!url.startsWith(PREVIEW_ROOT)) return null;
  const match = /^([^/?#]*)\/([^/?#]*)\/([^/?#]*)(.*)$/s.exec(url.slice(PREVIEW_ROOT.length));
  if (!match) return null;
  const [, sessionPart = '', node = '', portText = '', rest = ''] = match;
  if (rest !== '' && !rest.startsWith('/') && !rest.startsWith('?')) return null;
  const dot = sessionPart.indexOf('.');
  const sessionId = dot < 0 ? sessionPart : sessionPart.slice(0, dot);
  const grant = dot < 0 ? undefined : sessionPart.slice(dot + 1);
  if (!SESSION_ID.test(sessionId) || (grant !== undefined && !GRANT.test(grant))) return null;
  if (!NODE.test(node) || !PORT.test(portText)) return null;
  const port = Number(portText);
  if (port > 65_535) return null;
  return { sessionId, ...(grant !== undefined && { grant }), node, port, rest };
}

/** The prefix of a preview, without a trailing slash; granted when `grant` is given. */
export function previewPrefix(target: { sessionId: string; node: string; port: number }, grant?: string): string {
  const session = grant === undefined ? target.sessionId : `${target.sessionId}.${grant}`;
  return `${PREVIEW_ROOT}${session}/${target.node}/${target.port}`;
}

/** The path (and query) to ask the student's server for: never empty. */
export function upstreamPath(rest: string): string {
  if (rest === '') return '/';
  return rest.startsWith('?') ? `/${rest}` : rest;
}
