/**
 * OAuth2 client-credentials tokens for AGS and NRPS calls, obtained with a signed JWT
 * assertion (private_key_jwt, RFC 7523): Dockyard signs {iss, sub: client id, aud: token URL}
 * with its current LTI key; the platform checks it against Dockyard's JWKS. Tokens are kept
 * until a minute before they expire.
 */
import type { LtiKeys } from './lti-keys';
import { LtiPlatformCallError } from './lti-errors';
import type { PlatformRow } from './lti-platforms';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
export const CALL_TIMEOUT_MS = 15_000;

type TokenPlatform = Pick<PlatformRow, 'id' | 'clientId' | 'tokenUrl'>;

export class PlatformTokens {
  private readonly cache = new Map<string, { token: string; expiresAt: number }>();

  constructor(private readonly deps: { keys: Pick<LtiKeys, 'sign'>; now: () => Date }) {}

  async token(platform: TokenPlatform, scopes: string[]): Promise<string> {
    const key = `${platform.id} ${[...scopes].sort().join(' ')}`;
    const cached = this.cache.get(key);
    if (cached && cached.expiresAt > this.deps.now().getTime()) return cached.token;
    const assertion = await this.deps.keys.sign({ iss: platform.clientId, sub: platform.clientId, aud: platform.tokenUrl }, 300);
    const response = await fetch(platform.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_assertion_type: ASSERTION_TYPE, client_assertion: assertion, scope: scopes.join(' ') }),
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
    const body = (await response.json().catch(() => null)) as { access_token?: unknown; expires_in?: unknown } | null;
    if (!response.ok || typeof body?.access_token !== 'string') {
      throw new LtiPlatformCallError('la demande de jeton', `POST ${platform.tokenUrl} : ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
    }
    const lifetimeSeconds = typeof body.expires_in === 'number' ? body.expires_in : 3600;
    this.cache.set(key, { token: body.access_token, expiresAt: this.deps.now().getTime() + Math.max(0, lifetimeSeconds - 60) * 1000 });
    return body.access_token;
  }

  /** A token the platform refused (401): asked again next time. */
  forget(platform: TokenPlatform, scopes: string[]): void {
    this.cache.delete(`${platform.id} ${[...scopes].sort().join(' ')}`);
  }
}
