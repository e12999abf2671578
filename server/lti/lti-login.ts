/**
 * Step 1 of a launch, OIDC third-party login initiation: the platform names itself (iss,
 * client id); Dockyard keeps a fresh state and nonce on its server — not only in a cookie,
 * which the LMS's iframe may refuse — and sends the browser to the platform's authorisation
 * endpoint, which answers the launch URL with a signed id_token.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { PrismaClient } from '../../generated/prisma/client';
import { LtiUnknownPlatformError } from './lti-errors';
import type { LtiPlatforms } from './lti-platforms';

/** A login must come back within this: a person clicked, the platform answers at once. */
export const LOGIN_LIFETIME_MS = 10 * 60_000;

export const loginInput = z.object({
  iss: z.string().min(1, 'iss manquant').max(500),
  login_hint: z.string().min(1, 'login_hint manquant').max(2000),
  target_link_uri: z.string().min(1, 'target_link_uri manquant').max(2000),
  lti_message_hint: z.string().max(4000).optional(),
  client_id: z.string().max(255).optional(),
  lti_deployment_id: z.string().max(255).optional(),
});

export type LoginInput = z.infer<typeof loginInput>;

export interface LoginRedirect {
  /** The platform's authorisation endpoint, with Dockyard's request in its query. */
  location: string;
  state: string;
}

export async function initiateLogin(
  deps: { prisma: PrismaClient; platforms: LtiPlatforms; now: () => Date },
  input: LoginInput,
  launchUrl: string,
): Promise<LoginRedirect> {
  const candidates = await deps.platforms.findForLogin(input.iss, input.client_id);
  const platform = candidates[0];
  if (!platform) throw new LtiUnknownPlatformError(`Aucune plateforme pour iss=${input.iss}${input.client_id ? `, client_id=${input.client_id}` : ''}.`);
  if (candidates.length > 1) throw new LtiUnknownPlatformError(`Plusieurs plateformes ont l’issuer ${input.iss} : la plateforme doit envoyer client_id.`);
  if (input.lti_deployment_id && !platform.deploymentIds.includes(input.lti_deployment_id)) {
    throw new LtiUnknownPlatformError(`Deployment id inconnu : ${input.lti_deployment_id} (enregistrés : ${platform.deploymentIds.join(', ')}).`);
  }
  const now = deps.now();
  const state = randomBytes(32).toString('base64url');
  const nonce = randomBytes(32).toString('base64url');
  // Logins never finished (closed tabs) go with the next one.
  await deps.prisma.ltiLaunchState.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - LOGIN_LIFETIME_MS) } } });
  await deps.prisma.ltiLaunchState.create({
    data: { state, nonce, platformId: platform.id, expiresAt: new Date(now.getTime() + LOGIN_LIFETIME_MS) },
  });
  const location = new URL(platform.authUrl);
  const query = {
    scope: 'openid',
    response_type: 'id_token',
    response_mode: 'form_post',
    prompt: 'none',
    client_id: platform.clientId,
    redirect_uri: launchUrl,
    login_hint: input.login_hint,
    state,
    nonce,
    ...(input.lti_message_hint && { lti_message_hint: input.lti_message_hint }),
  };
  for (const [name, value] of Object.entries(query)) location.searchParams.set(name, value);
  return { location: location.href, state };
}
