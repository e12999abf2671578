/**
 * Cross-site request forgery: a page elsewhere must not make a signed-in browser change
 * anything in Dockyard. SameSite cookies alone are not enough (a sibling host name is « same
 * site », old browsers ignore the attribute, and a preview runs students' pages on Dockyard's
 * own host), so every state-changing route (route.ts, before anything else) also checks:
 *
 * 1. Where the request comes from. Browsers say it: `Sec-Fetch-Site` (every current browser,
 *    towards https or localhost only) and `Origin` (on every POST, PUT, PATCH and DELETE, also
 *    over plain http on a LAN address, Dockyard's usual setting). `Sec-Fetch-Site` is believed
 *    first, as Go's CrossOriginProtection does: only `same-origin` (or `none`, typed by the
 *    user) passes. Otherwise `Origin` must be this server's. A request with neither header is
 *    not a browser's (curl, the grader API with its bearer token): no foreign page can make a
 *    browser send one, so it cannot ride on a user's cookies.
 * 2. That its body is JSON. A foreign page can send a form (urlencoded, multipart, text/plain)
 *    or a typeless body without asking; JSON needs a CORS preflight, which Dockyard never grants.
 *
 * better-auth's own routes (app/api/auth) are not built with route.ts: better-auth checks the
 * origin itself (tested in test/security/csrf.test.ts).
 */
import { ForbiddenError, UnsupportedMediaTypeError } from '../errors';

/** What « this server » is, from the operator's configuration (server/env.ts). */
export interface SiteAddress {
  /** DOCKYARD_PUBLIC_URL: the address students use, when the operator gave it. */
  publicUrl?: string;
  /** DOCKYARD_TRUST_PROXY: a reverse proxy in front says which host the browser addressed. */
  trustProxy: boolean;
}

/** Methods that change nothing: neither rule applies to them. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** `application/json`, with or without parameters (`; charset=utf-8`). */
const JSON_TYPE = /^application\/json\s*(;|$)/i;

type RequestLike = Pick<Request, 'method' | 'headers' | 'url'>;

/** Throws a 403 for a cross-site request and a 415 for a body that is not JSON. */
export function guardStateChange(request: RequestLike, site: SiteAddress): void {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return;
  const refusal = crossSiteRefusal(request, site);
  if (refusal) {
    throw new ForbiddenError(
      'Requête refusée : elle vient d’une page extérieure à Dockyard. Refaites l’action depuis les pages de Dockyard.',
      `${refusal} Derrière un proxy inverse, indiquez l’adresse publique (DOCKYARD_PUBLIC_URL) ou DOCKYARD_TRUST_PROXY=true.`,
    );
  }
  const type = request.headers.get('content-type');
  if (type === null ? carriesBody(request.headers) : !JSON_TYPE.test(type.trim())) {
    throw new UnsupportedMediaTypeError(
      'Requête refusée : son contenu doit être du JSON (Content-Type: application/json), pas un formulaire.',
      `Content-Type reçu : ${type ?? 'aucun, avec un corps'}.`,
    );
  }
}

/** Why the request is cross-site (for the operator), or null when it comes from Dockyard or from no browser. */
export function crossSiteRefusal(request: RequestLike, site: SiteAddress): string | null {
  const fetchSite = request.headers.get('sec-fetch-site')?.trim().toLowerCase();
  if (fetchSite) {
    // `same-site` is a sibling host name: another origin, possibly a student's.
    return fetchSite === 'same-origin' || fetchSite === 'none' ? null : `Sec-Fetch-Site : ${fetchSite}.`;
  }
  const origin = request.headers.get('origin')?.trim();
  if (!origin) return null;
  // A sandboxed page (a preview, with its opaque origin) or a data: URL says « null ».
  if (origin !== 'null' && isOwnOrigin(origin, request, site)) return null;
  return `Origine reçue : ${origin} ; attendue : ${ownHosts(request, site).join(' ou ') || 'inconnue'}.`;
}

function isOwnOrigin(origin: string, request: RequestLike, site: SiteAddress): boolean {
  const from = parse(origin);
  if (!from) return false;
  if (site.publicUrl && from.origin === parse(site.publicUrl)?.origin) return true;
  // The scheme is not compared: behind a TLS proxy the server may not know it, and no page
  // can forge its Origin.
  return addressedHosts(request, site).includes(from.host);
}

/**
 * The host names (with port) the browser may have addressed: its Host header, or the
 * request's own URL when it has none; the proxy's X-Forwarded-Host when the operator trusts
 * it (its last value: the one the nearest proxy set).
 */
export function addressedHosts(request: RequestLike, site: SiteAddress): string[] {
  const hosts = [request.headers.get('host') ?? parse(request.url)?.host];
  if (site.trustProxy) hosts.push(request.headers.get('x-forwarded-host')?.split(',').at(-1));
  return hosts.flatMap((host) => {
    const normalised = host?.trim() ? parse(`http://${host.trim()}`)?.host : undefined;
    return normalised ? [normalised] : [];
  });
}

function ownHosts(request: RequestLike, site: SiteAddress): string[] {
  const publicOrigin = site.publicUrl ? parse(site.publicUrl)?.origin : undefined;
  return [...(publicOrigin ? [publicOrigin] : []), ...addressedHosts(request, site)];
}

function carriesBody(headers: Headers): boolean {
  return Number(headers.get('content-length') ?? 0) > 0 || headers.has('transfer-encoding');
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
