/**
 * Header rules of the preview proxy, kept pure so they are tested without a network.
 * Requests lose the hop-by-hop headers and Dockyard's own cookies; responses get their
 * redirects and cookies moved under the preview prefix, lose the headers that would act on
 * all of Dockyard's origin, and gain a CSP sandbox so the page runs with an opaque origin.
 */
import { validateHeaderName, validateHeaderValue, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { isDockyardCookie } from '../auth/auth-cookies';
import { previewPrefix } from './preview-route';

/** Gives the proxied page an opaque origin: it cannot act as Dockyard in the browser. */
export const PREVIEW_CSP = 'sandbox allow-scripts allow-forms allow-popups';

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  // Node has already answered « 100 Continue » to the browser.
  'expect',
]);

/** Headers a student's server must not set on Dockyard's origin. */
const ORIGIN_WIDE = new Set(['strict-transport-security', 'clear-site-data', 'alt-svc', 'public-key-pins']);

export interface PreviewTarget {
  sessionId: string;
  node: string;
  port: number;
  /** Prefix the browser used (granted form), without trailing slash. */
  prefix: string;
  /** The grant in that prefix, to build links to other ports of the same node. */
  grant: string;
}

export interface ForwardContext {
  target: PreviewTarget;
  /** Address of the browser, for X-Forwarded-For. */
  remoteAddress: string | undefined;
  /** True to keep Upgrade/Connection (websocket). */
  upgrade: boolean;
}

export function forwardRequestHeaders(headers: IncomingHttpHeaders, context: ForwardContext): OutgoingHttpHeaders {
  const named = connectionTokens(headers.connection);
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || name === 'host' || name === 'cookie') continue;
    if (HOP_BY_HOP.has(name) || named.has(name)) continue;
    out[name] = value;
  }
  const cookie = withoutDockyardCookies(headers.cookie);
  if (cookie) out.cookie = cookie;
  if (context.upgrade) {
    out.connection = 'Upgrade';
    if (headers.upgrade) out.upgrade = headers.upgrade;
  }
  // Development servers (Vite, webpack) accept localhost and refuse unknown host names.
  out.host = `localhost:${context.target.port}`;
  const forwardedFor = [headers['x-forwarded-for'], context.remoteAddress].filter(Boolean).join(', ');
  if (forwardedFor) out['x-forwarded-for'] = forwardedFor;
  if (headers.host) out['x-forwarded-host'] = headers.host;
  out['x-forwarded-proto'] = firstValue(headers['x-forwarded-proto']) ?? 'http';
  out['x-forwarded-prefix'] = context.target.prefix;
  return out;
}

export interface ResponseContext {
  target: PreviewTarget;
  /** The address the proxy connected to (the sandbox's IP). */
  upstreamHost: string;
  /** The Host header the browser sent (Dockyard's public host:port). */
  publicHost: string | undefined;
}

export function rewriteResponseHeaders(headers: IncomingHttpHeaders, context: ResponseContext): OutgoingHttpHeaders {
  const named = connectionTokens(headers.connection);
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || named.has(name) || ORIGIN_WIDE.has(name)) continue;
    if (name === 'location' || name === 'content-location') out[name] = rewriteLocation(String(value), context);
    else if (name === 'set-cookie') {
      const cookies = (Array.isArray(value) ? value : [value]).flatMap((c) => rewriteSetCookie(c, context.target.prefix));
      if (cookies.length > 0) out[name] = cookies;
    } else out[name] = value;
  }
  const policies = headers['content-security-policy'];
  // A comma separates policies in one header; each is enforced, so theirs cannot loosen ours.
  out['content-security-policy'] = policies ? `${policies}, ${PREVIEW_CSP}` : PREVIEW_CSP;
  return out;
}

/** RFC 9110's reason-phrase: tabs, spaces, visible characters and obs-text. */
const REASON_PHRASE = /^[\t\x20-\x7e\x80-\xff]*$/;

export interface ResponseHead {
  status: number;
  /** The student's own reason phrase when it is valid; Node's default otherwise. */
  message: string | undefined;
}

/**
 * The status line the proxy may write for the student's server, or null when the answer is
 * not valid HTTP to pass on. Node's parser reads `HTTP/1.1 099` as status 99, and `writeHead`
 * then throws (status outside 100–999, a control character in the reason, an invalid header):
 * inside the proxy's event handler that throw killed the whole server. A final answer's
 * status is 200–599 (1xx never get here: Node handles them itself).
 */
export function forwardableHead(statusCode: number | undefined, statusMessage: string | undefined, headers: OutgoingHttpHeaders): ResponseHead | null {
  if (statusCode === undefined || !Number.isInteger(statusCode) || statusCode < 200 || statusCode > 599) return null;
  if (statusMessage !== undefined && !REASON_PHRASE.test(statusMessage)) return null;
  try {
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined) continue;
      validateHeaderName(name);
      for (const item of Array.isArray(value) ? value : [value]) validateHeaderValue(name, String(item));
    }
  } catch {
    return null;
  }
  return { status: statusCode, message: statusMessage || undefined };
}

/**
 * Redirects of the student's server point at its own root (`/login`) or at itself
 * (`http://localhost:8080/login`, or `http://localhost/login` from nginx on port 80): both
 * become paths under the preview prefix. Relative and external locations stay as they are.
 */
export function rewriteLocation(location: string, context: ResponseContext): string {
  const { prefix } = context.target;
  if (location.startsWith('/') && !location.startsWith('//')) {
    return location === prefix || location.startsWith(`${prefix}/`) || location.startsWith(`${prefix}?`)
      ? location
      : `${prefix}${location}`;
  }
  if (!/^(https?:)?\/\//i.test(location)) return location;
  let url: URL;
  try {
    url = new URL(location, 'http://relative.invalid');
  } catch {
    return location;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (context.publicHost && url.host === context.publicHost.toLowerCase()) {
    return path.startsWith('/preview/') ? path : `${prefix}${path}`;
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const selfNames = new Set(['localhost', '127.0.0.1', '::1', '0.0.0.0', context.upstreamHost, context.target.node]);
  if (!selfNames.has(host)) return location;
  // An explicit other port is another server of the same machine: its own preview.
  const port = url.port === '' ? context.target.port : Number(url.port);
  const base = port === context.target.port ? prefix : previewPrefix({ ...context.target, port }, context.target.grant);
  return `${base}${path}`;
}

/** Cookies of the student's server stay under its prefix; Dockyard's own cookies are untouchable. */
export function rewriteSetCookie(cookie: string, prefix: string): string[] {
  const [pair = '', ...attributes] = cookie.split(';');
  const name = pair.slice(0, Math.max(pair.indexOf('='), 0)).trim();
  if (isDockyardCookie(name)) return [];
  let sawPath = false;
  const kept = attributes.map((attribute) => {
    const [key = '', ...value] = attribute.split('=');
    if (key.trim().toLowerCase() !== 'path') return attribute;
    sawPath = true;
    const path = value.join('=').trim();
    return ` Path=${prefix}${path.startsWith('/') ? path : '/'}`;
  });
  if (!sawPath) kept.push(` Path=${prefix}/`);
  return [[pair, ...kept].join(';')];
}

/** The owner cookie and the sign-in session cookie would let the student's server act as them. */
function withoutDockyardCookies(header: string | undefined): string {
  return (header ?? '')
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part && !isDockyardCookie(part.slice(0, Math.max(part.indexOf('='), 0))))
    .join('; ');
}

function connectionTokens(header: string | string[] | undefined): Set<string> {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  return new Set(
    value
      .split(',')
      .map((token) => token.trim().toLowerCase())
      .filter(Boolean),
  );
}

function firstValue(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value?.split(',')[0];
  return first?.trim() || undefined;
}
