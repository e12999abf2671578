/**
 * The addresses Dockyard gives a platform to paste (login initiation, launch, deep linking,
 * JWKS) and the origin they are built on: DOCKYARD_PUBLIC_URL when the operator set it (it
 * must be, behind a TLS proxy: platforms call these from the outside), else the address the
 * request came to.
 */
import type { SiteAddress } from '../http/csrf';

export interface ToolUrls {
  login: string;
  launch: string;
  deepLinking: string;
  jwks: string;
}

export const TOOL_PATHS = {
  login: '/api/lti/login',
  launch: '/api/lti/launch',
  deepLinking: '/api/lti/deep-linking',
  jwks: '/api/lti/jwks',
} as const;

export function toolUrls(origin: string): ToolUrls {
  return {
    login: origin + TOOL_PATHS.login,
    launch: origin + TOOL_PATHS.launch,
    deepLinking: origin + TOOL_PATHS.deepLinking,
    jwks: origin + TOOL_PATHS.jwks,
  };
}

/** Dockyard's origin as the browser (or the platform) addressed it. */
export function toolOrigin(request: Pick<Request, 'url' | 'headers'>, site: SiteAddress): string {
  if (site.publicUrl) return new URL(site.publicUrl).origin;
  const forwardedHost = site.trustProxy ? request.headers.get('x-forwarded-host')?.split(',').at(-1)?.trim() : undefined;
  const forwardedProto = site.trustProxy ? request.headers.get('x-forwarded-proto')?.split(',').at(-1)?.trim() : undefined;
  const host = forwardedHost || request.headers.get('host') || new URL(request.url).host;
  const protocol = forwardedProto || new URL(request.url).protocol.replace(':', '');
  return `${protocol}://${host}`;
}
