/**
 * A Dockyard test platform (real database, real better-auth, real route handlers) and a
 * simulated LMS over real HTTP, registered by an admin as an operator would. `launch` walks the
 * whole browser path: login initiation → the platform's authorisation endpoint → the launch's
 * form post → the ticket's redemption, and returns the cookie the browser ends up with.
 */
import * as launchRoute from '@/app/api/lti/launch/route';
import * as loginRoute from '@/app/api/lti/login/route';
import * as platformsRoute from '@/app/api/lti/platforms/route';
import * as sessionRoute from '@/app/api/lti/session/route';
import { cookiesOf, openPlatform, ORIGIN, type Person, type Platform } from '../platform-fixture';
import { formFields, PlatformSimulator, type SimulatedLaunch } from '../../lti-simulator/platform-simulator';

export interface LtiWorld {
  dockyard: Platform;
  lms: PlatformSimulator;
  admin: Person;
  close(): Promise<void>;
}

export const LAB_TARGET = `${ORIGIN}/api/lti/launch`;

export async function openLtiWorld(): Promise<LtiWorld> {
  const dockyard = await openPlatform();
  const lms = await PlatformSimulator.start({ toolJwks: () => dockyard.services.lti.keys.jwks() });
  const admin = await dockyard.signUp({ role: 'admin' });
  const registered = await dockyard.call(platformsRoute.POST, '/api/lti/platforms', { as: admin, body: lms.registration });
  if (!registered.ok) throw new Error(`plateforme non enregistrée : ${await registered.text()}`);
  return {
    dockyard,
    lms,
    admin,
    close: async () => {
      await lms.close();
      await dockyard.close();
    },
  };
}

/** The platform's form post to Dockyard's launch URL, as the browser would send it. */
export function postLaunch(fields: Record<string, string>): Promise<Response> {
  return launchRoute.POST(
    new Request(`${ORIGIN}/api/lti/launch`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'null', 'sec-fetch-site': 'cross-site' },
      body: new URLSearchParams(fields),
    }),
  );
}

/** Login initiation then the platform's answer: the form the browser is about to post to Dockyard. */
export async function authorize(world: LtiWorld, launch: SimulatedLaunch, query?: URLSearchParams): Promise<Record<string, string>> {
  const hint = world.lms.prepare(launch);
  const login = await loginRoute.GET(new Request(`${ORIGIN}/api/lti/login?${query ?? world.lms.loginQuery(hint, LAB_TARGET)}`));
  if (login.status !== 302) throw new Error(`connexion OIDC refusée : ${login.status} ${await login.text()}`);
  const answer = await fetch(login.headers.get('location') ?? '');
  if (!answer.ok) throw new Error(`autorisation refusée par la plateforme : ${await answer.text()}`);
  return formFields(await answer.text()).fields;
}

export interface Landed {
  cookie: string;
  /** Where the browser lands once signed in. */
  target: string;
}

/** The whole launch; throws with Dockyard's page when a step is refused. */
export async function launch(world: LtiWorld, simulated: SimulatedLaunch): Promise<Landed> {
  const launched = await postLaunch(await authorize(world, simulated));
  if (launched.status !== 303) throw new Error(`lancement refusé : ${launched.status} ${await launched.text()}`);
  const ticketPage = new URL(launched.headers.get('location') ?? '', ORIGIN);
  const redeemed = await redeem(ticketPage.searchParams.get('ticket') ?? '');
  if (redeemed.status !== 303) throw new Error(`ticket refusé : ${redeemed.status} ${await redeemed.text()}`);
  return { cookie: cookiesOf(redeemed), target: redeemed.headers.get('location') ?? '' };
}

export function redeem(ticket: string): Promise<Response> {
  return sessionRoute.GET(new Request(`${ORIGIN}/api/lti/session?ticket=${encodeURIComponent(ticket)}`));
}

/** Who Dockyard sees behind a cookie. */
export async function whoIs(world: LtiWorld, cookie: string) {
  return (await world.dockyard.services.callers.resolve(new Headers({ cookie }))).user;
}
