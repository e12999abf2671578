/**
 * LTI launches end to end against a simulated LMS: a learner and an instructor land signed in
 * where the link points, the course becomes a class, and every check of the id_token refuses
 * a launch that fails it, signing nobody in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE, type SimulatedLaunch } from '../../lti-simulator/platform-simulator';
import { ORIGIN } from '../platform-fixture';
import { authorize, launch, openLtiWorld, postLaunch, redeem, whoIs, type LtiWorld } from './lti-world';

let world: LtiWorld;
beforeAll(async () => {
  world = await openLtiWorld();
});
afterAll(async () => world?.close());

const course = { id: 'cours-docker', title: 'Conteneurs L3' };
const learner = (sub: string, extra: Partial<SimulatedLaunch> = {}): SimulatedLaunch => ({
  sub,
  name: `Élève ${sub}`,
  roles: [ROLE.learner],
  custom: { dockyard: 'lab/premiers-pas' },
  context: course,
  ...extra,
});

describe('launch', () => {
  it('signs a learner in and lands them on the lab the link points to', async () => {
    const landed = await launch(world, learner('eleve-1', { email: 'eleve1@universite.fr' }));
    expect(landed.target).toBe('/labs/premiers-pas');
    const user = await whoIs(world, landed.cookie);
    expect(user).toMatchObject({ name: 'Élève eleve-1', email: 'eleve1@universite.fr', role: 'student' });
  });

  it('matches a returning person by their sub, not by a second account', async () => {
    const first = await whoIs(world, (await launch(world, learner('eleve-2'))).cookie);
    const again = await whoIs(world, (await launch(world, learner('eleve-2', { name: 'Élève renommée' }))).cookie);
    expect(again?.id).toBe(first?.id);
    expect(again?.name).toBe('Élève renommée');
  });

  it('makes the course a class taught by the first instructor, which learners then join', async () => {
    const teacher = await launch(world, { sub: 'prof-1', name: 'Prof Durand', roles: [ROLE.instructor], context: course, custom: { dockyard: 'lab/premiers-pas' } });
    const instructor = await whoIs(world, teacher.cookie);
    expect(instructor?.role).toBe('instructor');
    const student = await whoIs(world, (await launch(world, learner('eleve-3'))).cookie);
    const classroom = await world.dockyard.db.prisma.classroom.findFirstOrThrow({ where: { instructorId: instructor?.id }, include: { members: true, assignments: true } });
    expect(classroom.name).toBe('Conteneurs L3');
    expect(classroom.members.map((member) => member.userId)).toContain(student?.id);
    expect(classroom.assignments).toMatchObject([{ kind: 'lab', slug: 'premiers-pas' }]);
  });

  it('lets a ticket sign in only once', async () => {
    const launched = await postLaunch(await authorize(world, learner('eleve-4')));
    const ticket = new URL(launched.headers.get('location') ?? '', ORIGIN).searchParams.get('ticket') ?? '';
    expect((await redeem(ticket)).status).toBe(303);
    const second = await redeem(ticket);
    expect(second.status).toBe(410);
    expect(await second.text()).toContain('a expiré ou a déjà servi');
  });
});

describe('a launch that fails a check signs nobody in', () => {
  const refusals: Array<[string, Partial<SimulatedLaunch>, string]> = [
    ['a signature by a key not in the platform’s JWKS', { foreignKey: true }, 'signature invalide'],
    ['another audience', { tamper: { aud: 'un-autre-outil' } }, 'claim « aud »'],
    ['another issuer', { tamper: { iss: 'https://pirate.example' } }, 'claim « iss »'],
    ['an expired token', { tamper: { exp: Math.floor(Date.now() / 1000) - 3600, iat: Math.floor(Date.now() / 1000) - 7200 } }, 'expiré'],
    ['an azp naming another client', { tamper: { azp: 'un-autre-outil' } }, 'azp attendu'],
    ['a nonce other than the one sent', { tamper: { nonce: 'pas-le-bon' } }, 'nonce différent'],
    ['a deployment not registered', { tamper: { 'https://purl.imsglobal.org/spec/lti/claim/deployment_id': 'deploiement-inconnu' } }, 'Deployment id inconnu'],
  ];

  it.each(refusals)('refuses %s', async (_, change, reason) => {
    const sub = `refuse-${Math.random().toString(36).slice(2)}`;
    const refused = await postLaunch(await authorize(world, learner(sub, change)));
    expect(refused.status).toBe(401);
    const page = await refused.text();
    expect(page).toContain('Lancement LTI refusé');
    expect(page).toContain(reason);
    expect(await world.dockyard.db.prisma.ltiIdentity.count({ where: { sub } })).toBe(0);
  });

  it('refuses the same launch posted twice (replayed state and nonce)', async () => {
    const form = await authorize(world, learner('eleve-rejeu'));
    expect((await postLaunch(form)).status).toBe(303);
    const replayed = await postLaunch(form);
    expect(replayed.status).toBe(401);
    expect(await replayed.text()).toContain('state déjà utilisé');
  });

  it('refuses an id_token whose state Dockyard never issued', async () => {
    const form = await authorize(world, learner('eleve-sans-state'));
    const refused = await postLaunch({ ...form, state: 'invente' });
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain('state inconnu');
  });

  it('refuses a login from an unknown platform or deployment', async () => {
    const hint = world.lms.prepare(learner('eleve-x'));
    const unknownIssuer = world.lms.loginQuery(hint, ORIGIN);
    unknownIssuer.set('iss', 'https://inconnue.example');
    await expect(authorize(world, learner('eleve-x'), unknownIssuer)).rejects.toThrow(/n’est pas enregistrée dans Dockyard/);
    const unknownDeployment = world.lms.loginQuery(hint, ORIGIN);
    unknownDeployment.set('lti_deployment_id', 'deploiement-inconnu');
    await expect(authorize(world, learner('eleve-x'), unknownDeployment)).rejects.toThrow(/Deployment id inconnu/);
  });
});
