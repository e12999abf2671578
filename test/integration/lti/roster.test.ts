/**
 * Names and Role Provisioning: an instructor's launch fills the class with the course's active
 * learners, matched by sub like launches; the class page's button brings the newcomers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as rosterRoute from '@/app/api/lti/classes/[id]/roster/route';
import { ROLE } from '../../lti-simulator/platform-simulator';
import { launch, openLtiWorld, whoIs, type LtiWorld } from './lti-world';

let world: LtiWorld;
beforeAll(async () => {
  world = await openLtiWorld();
});
afterAll(async () => world?.close());

describe('roster', () => {
  it('syncs the class’s members from the course, on the instructor’s launch and on demand', async () => {
    world.lms.members = [
      { user_id: 'nrps-1', name: 'Alice Martin', roles: [ROLE.learner], email: 'alice@universite.fr' },
      { user_id: 'nrps-2', name: 'Bruno Petit', roles: [ROLE.learner] },
      { user_id: 'nrps-3', name: 'Chloé Absente', roles: [ROLE.learner], status: 'Inactive' },
      { user_id: 'prof-nrps', name: 'Prof NRPS', roles: [ROLE.instructor] },
    ];
    const teacher = await launch(world, { sub: 'prof-nrps', name: 'Prof NRPS', roles: [ROLE.instructor], context: { id: 'cours-nrps', title: 'Cours NRPS' } });
    const instructor = await whoIs(world, teacher.cookie);
    const classroom = await world.dockyard.db.prisma.classroom.findFirstOrThrow({ where: { instructorId: instructor?.id } });
    const memberNames = async () => {
      const members = await world.dockyard.db.prisma.classMember.findMany({ where: { classroomId: classroom.id }, include: { user: true } });
      return members.map((member) => member.user.name).sort();
    };
    expect(await memberNames()).toEqual(['Alice Martin', 'Bruno Petit']);

    // Alice launches herself later: the same account as the roster made.
    const alice = await whoIs(world, (await launch(world, { sub: 'nrps-1', name: 'Alice Martin', roles: [ROLE.learner], context: { id: 'cours-nrps', title: 'Cours NRPS' } })).cookie);
    expect(alice?.email).toBe('alice@universite.fr');

    world.lms.members.push({ user_id: 'nrps-4', name: 'Dina Nouvelle', roles: [ROLE.learner] });
    const synced = await world.dockyard.call(rosterRoute.POST, `/api/lti/classes/${classroom.id}/roster`, {
      as: { cookie: teacher.cookie },
      params: { id: classroom.id },
      body: {},
    });
    expect(await synced.json()).toEqual({ listed: 3, added: 1 });
    expect(await memberNames()).toEqual(['Alice Martin', 'Bruno Petit', 'Dina Nouvelle']);
  });

  it('explains that a class made by hand has no course to sync with', async () => {
    const teacher = await world.dockyard.signUp({ role: 'instructor' });
    const { id } = await world.dockyard.services.classes.create({ id: teacher.id, name: 'Prof', email: teacher.email, role: 'instructor' }, 'Classe à la main');
    const refused = await world.dockyard.call(rosterRoute.POST, `/api/lti/classes/${id}/roster`, { as: teacher, params: { id }, body: {} });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { message: string }).message).toContain('ne vient pas d’un cours LTI');
  });
});
