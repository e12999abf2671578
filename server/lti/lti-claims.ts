/**
 * The claims of an LTI 1.3 id_token that Dockyard reads (IMS LTI Core 1.3, Deep Linking 2.0,
 * AGS 2.0, NRPS 2.0), validated with zod once jose has verified the signature and the
 * registered claims (iss, aud, exp).
 */
import { z } from 'zod';

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim/';

export const CLAIM = {
  messageType: `${LTI}message_type`,
  version: `${LTI}version`,
  deploymentId: `${LTI}deployment_id`,
  targetLinkUri: `${LTI}target_link_uri`,
  roles: `${LTI}roles`,
  context: `${LTI}context`,
  resourceLink: `${LTI}resource_link`,
  custom: `${LTI}custom`,
  deepLinkingSettings: `${DL}deep_linking_settings`,
  contentItems: `${DL}content_items`,
  data: `${DL}data`,
  ags: 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint',
  nrps: 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice',
} as const;

export const SCOPE = {
  lineItem: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
  score: 'https://purl.imsglobal.org/spec/lti-ags/scope/score',
  memberships: 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
} as const;

/** The custom parameter Dockyard puts in the links it makes: « lab/docker-basics ». */
export const TARGET_PARAMETER = 'dockyard';

const launchBase = z.object({
  sub: z.string().min(1, 'sub manquant').max(255),
  nonce: z.string().min(1, 'nonce manquant'),
  name: z.string().max(200).optional(),
  given_name: z.string().max(100).optional(),
  family_name: z.string().max(100).optional(),
  email: z.string().max(254).optional(),
  [CLAIM.version]: z.literal('1.3.0', 'version LTI attendue : 1.3.0'),
  [CLAIM.deploymentId]: z.string().min(1, 'deployment_id manquant').max(255),
  [CLAIM.roles]: z.array(z.string()),
  [CLAIM.context]: z.object({ id: z.string().min(1).max(255), title: z.string().max(200).optional(), label: z.string().max(200).optional() }).optional(),
  [CLAIM.custom]: z.record(z.string(), z.unknown()).optional(),
  [CLAIM.nrps]: z.object({ context_memberships_url: z.url() }).optional(),
});

export const resourceLinkLaunch = launchBase.extend({
  [CLAIM.messageType]: z.literal('LtiResourceLinkRequest'),
  [CLAIM.targetLinkUri]: z.string().optional(),
  [CLAIM.resourceLink]: z.object({ id: z.string().min(1).max(255), title: z.string().max(255).optional() }),
  [CLAIM.ags]: z.object({ scope: z.array(z.string()).default([]), lineitem: z.url().optional(), lineitems: z.url().optional() }).optional(),
});

export const deepLinkingLaunch = launchBase.extend({
  [CLAIM.messageType]: z.literal('LtiDeepLinkingRequest'),
  [CLAIM.deepLinkingSettings]: z.object({
    deep_link_return_url: z.url(),
    accept_types: z.array(z.string()),
    accept_multiple: z.boolean().optional(),
    data: z.string().max(4096).optional(),
  }),
});

export const launchClaims = z.discriminatedUnion(CLAIM.messageType, [resourceLinkLaunch, deepLinkingLaunch], {
  error: 'message_type attendu : LtiResourceLinkRequest ou LtiDeepLinkingRequest',
});

export type LaunchClaims = z.infer<typeof launchClaims>;
export type ResourceLinkLaunch = z.infer<typeof resourceLinkLaunch>;
export type DeepLinkingLaunch = z.infer<typeof deepLinkingLaunch>;

/** Instructor (and the platform's own admins, content developers, teaching assistants) → instructor; anyone else is a student. */
export function teachesIn(roles: string[]): boolean {
  return roles.some(
    (role) =>
      role === 'Instructor' ||
      role.endsWith('membership#Instructor') ||
      role.endsWith('membership#Administrator') ||
      role.endsWith('membership#ContentDeveloper') ||
      role.includes('membership/Instructor#'),
  );
}

export function isDeepLinking(claims: LaunchClaims): claims is DeepLinkingLaunch {
  return claims[CLAIM.messageType] === 'LtiDeepLinkingRequest';
}
