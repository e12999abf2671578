/**
 * Deep linking and Dockyard's keys: an instructor picks a lab in the LMS's activity picker and
 * the platform receives, verified against Dockyard's JWKS, a resource link to it with a line
 * item worth the lab's points; a student cannot add activities; a rotated key keeps the
 * previous one published.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as choiceRoute from '@/app/api/lti/deep-links/[id]/route';
import * as jwksRoute from '@/app/api/lti/jwks/route';
import * as keysRoute from '@/app/api/lti/keys/route';
import { ROLE } from '../../lti-simulator/platform-simulator';
import { launch, openLtiWorld, whoIs, type LtiWorld } from './lti-world';

let world: LtiWorld;
beforeAll(async () => {
  world = await openLtiWorld();
});
afterAll(async () => world?.close());

const CONTENT_ITEMS = 'https://purl.imsglobal.org/spec/lti-dl/claim/content_items';

describe('deep linking', () => {
  it('returns the chosen lab, signed, with a line item worth its points', async () => {
    const landed = await launch(world, { sub: 'prof-dl', name: 'Prof Choix', roles: [ROLE.instructor], messageType: 'LtiDeepLinkingRequest' });
    expect(landed.target).toMatch(/^\/lti\/choix\/[0-9a-f-]{36}$/);
    const id = landed.target.split('/').at(-1) ?? '';
    const person = { id: (await whoIs(world, landed.cookie))?.id ?? '', email: '', cookie: landed.cookie };
    const chosen = await world.dockyard.call(choiceRoute.POST, `/api/lti/deep-links/${id}`, { as: person, params: { id }, body: { kind: 'lab', slug: 'premiers-pas' } });
    expect(chosen.status).toBe(200);
    const { returnUrl, jwt } = (await chosen.json()) as { returnUrl: string; jwt: string };

    const answer = await fetch(returnUrl, { method: 'POST', body: new URLSearchParams({ JWT: jwt }) });
    expect(await answer.text()).toContain('Activité ajoutée : Lab — Premiers pas avec Docker');
    const response = world.lms.deepLinkResponses.at(-1);
    expect(response?.['https://purl.imsglobal.org/spec/lti/claim/message_type']).toBe('LtiDeepLinkingResponse');
    expect(response?.['https://purl.imsglobal.org/spec/lti-dl/claim/data']).toBe('donnees-opaques');
    expect(response?.[CONTENT_ITEMS]).toMatchObject([
      { type: 'ltiResourceLink', custom: { dockyard: 'lab/premiers-pas' }, lineItem: { scoreMaximum: 4, resourceId: 'lab/premiers-pas' } },
    ]);

    // The choice closes once answered.
    const again = await world.dockyard.call(choiceRoute.POST, `/api/lti/deep-links/${id}`, { as: person, params: { id }, body: { kind: 'lab', slug: 'premiers-pas' } });
    expect(again.status).toBe(404);
  });

  it('links a quiz without a gradebook column (only labs send scores)', async () => {
    const landed = await launch(world, { sub: 'prof-dl', name: 'Prof Choix', roles: [ROLE.instructor], messageType: 'LtiDeepLinkingRequest' });
    const id = landed.target.split('/').at(-1) ?? '';
    const chosen = await world.dockyard.call(choiceRoute.POST, `/api/lti/deep-links/${id}`, { as: { cookie: landed.cookie }, params: { id }, body: { kind: 'quiz', slug: 'premiers-pas' } });
    const { returnUrl, jwt } = (await chosen.json()) as { returnUrl: string; jwt: string };
    await fetch(returnUrl, { method: 'POST', body: new URLSearchParams({ JWT: jwt }) });
    const [item] = world.lms.deepLinkResponses.at(-1)?.[CONTENT_ITEMS] as Array<Record<string, unknown>>;
    expect(item).toMatchObject({ type: 'ltiResourceLink', custom: { dockyard: 'quiz/premiers-pas' } });
    expect(item).not.toHaveProperty('lineItem');
  });

  it('refuses a deep-linking request from a learner', async () => {
    await expect(launch(world, { sub: 'eleve-dl', name: 'Élève', roles: [ROLE.learner], messageType: 'LtiDeepLinkingRequest' })).rejects.toThrow(
      /Seuls les enseignants ajoutent des activités/,
    );
  });
});

describe('keys', () => {
  it('publishes the previous key beside the new one after a rotation, and only admins rotate', async () => {
    const before = (await (await world.dockyard.call(jwksRoute.GET, '/api/lti/jwks')).json()) as { keys: Array<{ kid: string; d?: string }> };
    const refused = await world.dockyard.call(keysRoute.POST, '/api/lti/keys', { as: await world.dockyard.signUp({ role: 'instructor' }), body: {} });
    expect(refused.status).toBe(403);
    const rotated = await world.dockyard.call(keysRoute.POST, '/api/lti/keys', { as: world.admin, body: {} });
    expect(rotated.status).toBe(200);
    const after = (await (await world.dockyard.call(jwksRoute.GET, '/api/lti/jwks')).json()) as { keys: Array<{ kid: string; d?: string }> };
    expect(after.keys.map((key) => key.kid)).toEqual([((await rotated.json()) as { key: { kid: string } }).key.kid, before.keys[0]?.kid]);
    // Public halves only.
    expect(after.keys.every((key) => key.d === undefined)).toBe(true);
  });
});
