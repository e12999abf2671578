/**
 * Step 2 of a launch: the platform posts an id_token and the state back. Checked, in order:
 * the state is one Dockyard issued, unexpired and not used before (used now, so a replay of the
 * same post is refused); the browser's state cookie, when it kept one, is the same; the
 * signature against the platform's JWKS (jose, RS256 only); iss, aud, exp and iat (jose);
 * azp; the nonce is the one issued with this state; the LTI claims (zod), the deployment id
 * among those registered.
 */
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import type { PrismaClient } from '../../generated/prisma/client';
import { launchClaims, CLAIM, type LaunchClaims } from './lti-claims';
import { LtiLaunchError } from './lti-errors';
import type { LtiPlatforms, PlatformRow } from './lti-platforms';

/** Clocks of two servers differ a little; a minute of skew is what OIDC libraries allow. */
const CLOCK_TOLERANCE_SECONDS = 60;

export interface VerifiedLaunch {
  platform: PlatformRow;
  claims: LaunchClaims;
}

export interface IdTokenVerifierDeps {
  prisma: PrismaClient;
  platforms: LtiPlatforms;
  now: () => Date;
}

export class IdTokenVerifier {
  /** One remote key set per JWKS address: jose caches it and refetches on an unknown kid. */
  private readonly keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

  constructor(private readonly deps: IdTokenVerifierDeps) {}

  async verify(input: { idToken: string; state: string; stateCookie?: string }): Promise<VerifiedLaunch> {
    const issued = await this.consumeState(input.state);
    // Without the cookie (an iframe that refuses them) the server-side state stands alone.
    if (input.stateCookie && input.stateCookie !== input.state) {
      throw new LtiLaunchError('Le state reçu n’est pas celui que ce navigateur a demandé (cookie de state différent).');
    }
    const platform = await this.deps.platforms.get(issued.platformId);
    if (!platform) throw new LtiLaunchError('La plateforme de ce lancement a été supprimée entre-temps.');
    const payload = await this.verifySignedToken(input.idToken, platform);
    if (payload.nonce !== issued.nonce) throw new LtiLaunchError('nonce différent de celui envoyé avec ce state (jeton rejoué ou mélangé).');
    const parsed = launchClaims.safeParse(payload);
    if (!parsed.success) {
      throw new LtiLaunchError(`Claims LTI invalides : ${parsed.error.issues.map((issue) => `${issue.path.join('.')} : ${issue.message}`).join(' ; ')}`);
    }
    const deploymentId = parsed.data[CLAIM.deploymentId];
    if (!platform.deploymentIds.includes(deploymentId)) {
      throw new LtiLaunchError(`Deployment id inconnu : ${deploymentId} (enregistrés pour « ${platform.name} » : ${platform.deploymentIds.join(', ')}).`);
    }
    return { platform, claims: parsed.data };
  }

  private async consumeState(state: string) {
    const now = this.deps.now();
    const row = await this.deps.prisma.ltiLaunchState.findUnique({ where: { state } });
    if (!row) throw new LtiLaunchError('state inconnu : le lancement n’a pas commencé par l’URL de connexion de Dockyard, ou il est trop ancien.');
    if (row.usedAt) throw new LtiLaunchError('state déjà utilisé : ce lancement a été rejoué.');
    if (row.expiresAt < now) throw new LtiLaunchError('state expiré : plus de dix minutes entre la connexion et le lancement.');
    const { count } = await this.deps.prisma.ltiLaunchState.updateMany({ where: { state, usedAt: null }, data: { usedAt: now } });
    if (count === 0) throw new LtiLaunchError('state déjà utilisé : ce lancement a été rejoué.');
    return row;
  }

  private async verifySignedToken(idToken: string, platform: PlatformRow): Promise<JWTPayload> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(idToken, this.keySetOf(platform.jwksUrl), {
        issuer: platform.issuer,
        audience: platform.clientId,
        algorithms: ['RS256', 'RS384', 'RS512', 'ES256', 'PS256'],
        requiredClaims: ['exp', 'iat', 'sub', 'nonce'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        currentDate: this.deps.now(),
      }));
    } catch (error) {
      throw new LtiLaunchError(`id_token refusé : ${describeJoseError(error)}`);
    }
    // Several audiences: the one it was issued for must be named (OIDC Core 3.1.3.7).
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if ((audiences.length > 1 || payload.azp !== undefined) && payload.azp !== platform.clientId) {
      throw new LtiLaunchError(`azp attendu : ${platform.clientId} ; reçu : ${String(payload.azp ?? 'aucun')}.`);
    }
    return payload;
  }

  private keySetOf(jwksUrl: string) {
    let keySet = this.keySets.get(jwksUrl);
    if (!keySet) {
      keySet = createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: 10_000 });
      this.keySets.set(jwksUrl, keySet);
    }
    return keySet;
  }
}

function describeJoseError(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'expiré (exp dépassé).';
  if (error instanceof errors.JWTClaimValidationFailed) return `claim « ${error.claim} » invalide (${error.reason}) : ${error.message}.`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'signature invalide pour les clés du JWKS de la plateforme.';
  if (error instanceof errors.JWKSNoMatchingKey) return 'aucune clé du JWKS de la plateforme ne correspond (kid inconnu).';
  if (error instanceof errors.JOSEError) return `${error.code} : ${error.message}`;
  return `JWKS de la plateforme injoignable ou illisible : ${(error as Error).message}`;
}
