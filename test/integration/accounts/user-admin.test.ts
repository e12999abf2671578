/**
 * Admins manage users through the real routes: list and search, change a role, disable an
 * account (signed out everywhere, sign-in refused, running labs ended) and enable it again,
 * give a provisional password to someone who forgot theirs.
 * Needs no Docker engine: the running lab ended here has no sandbox yet.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as listUsersRoute } from '@/app/api/admin/users/route';
import { PATCH as updateUserRoute } from '@/app/api/admin/users/[id]/route';
import { POST as resetPasswordRoute } from '@/app/api/admin/users/[id]/password/route';
import { openPlatform, randomIpv4, type Person, type Platform } from '../platform-fixture';

let platform: Platform;
let admin: Person;

beforeAll(async () => {
  platform = await openPlatform();
  admin = await platform.signUp({ role: 'admin', name: 'Admin' });
});

afterAll(async () => platform?.close());

const update = (target: Person, body: object, as: Person = admin) =>
  platform.call(updateUserRoute, `/api/admin/users/${target.id}`, { as, method: 'PATCH', body, params: { id: target.id } });
const signedIn = async (person: Person) =>
  (await platform.services.callers.resolve(new Headers({ cookie: person.cookie, host: '127.0.0.1:3999' }))).user;

describe('the user list', () => {
  it('shows every account with its role and classes, newest first, and filters by name or e-mail', async () => {
    const louise = await platform.signUp({ name: 'Louise Michel', email: `louise-${randomUUID()}@lycee.fr` });
    const all = await (await platform.call(listUsersRoute, '/api/admin/users', { as: admin })).json();
    expect(all.users[0]).toMatchObject({ id: louise.id, name: 'Louise Michel', role: 'student', disabled: false, classesTaught: 0, classesJoined: 0 });
    expect(all.users.map((u: { id: string }) => u.id)).toContain(admin.id);
    expect(JSON.stringify(all)).not.toMatch(/password|token/i);

    const found = await (await platform.call(listUsersRoute, '/api/admin/users?q=LOUISE', { as: admin })).json();
    expect(found.users.map((u: { id: string }) => u.id)).toEqual([louise.id]);
  });
});

describe('a role', () => {
  it('is one of student, instructor, admin', async () => {
    const person = await platform.signUp();
    const response = await update(person, { role: 'professeur' });
    expect(response.status).toBe(400);
    expect((await response.json()).message).toBe('Requête invalide.');
  });
});

describe('disabling an account', () => {
  it('signs the user out, refuses their sign-in, and ends their running labs', async () => {
    const person = await platform.signUp({ password: 'mot-de-passe-eleve' });
    const lab = await platform.db.prisma.labSession.create({
      data: { id: randomUUID(), ownerId: person.id, userId: person.id, lab: 'premiers-pas', expiresAt: new Date(Date.now() + 3_600_000) },
    });
    expect(await signedIn(person)).not.toBeNull();

    expect((await update(person, { disabled: true })).status).toBe(200);
    expect(await signedIn(person)).toBeNull();
    const ended = await platform.db.prisma.labSession.findUniqueOrThrow({ where: { id: lab.id } });
    expect(ended).toMatchObject({ state: 'ended', endReason: 'disabled' });

    const attempt = await platform.auth('/sign-in/email', { email: person.email, password: 'mot-de-passe-eleve' }, { ip: randomIpv4() });
    expect(attempt.status).toBe(403);
    expect((await attempt.json()).message).toBe("Ce compte a été désactivé par un administrateur : adressez-vous à l'équipe qui gère Dockyard.");

    const listed = await (await platform.call(listUsersRoute, '/api/admin/users', { as: admin })).json();
    expect(listed.users.find((u: { id: string }) => u.id === person.id)).toMatchObject({ disabled: true });
  });

  it('can be undone: the user signs in again', async () => {
    const person = await platform.signUp({ password: 'mot-de-passe-eleve' });
    await update(person, { disabled: true });
    expect((await update(person, { disabled: false })).status).toBe(200);
    const attempt = await platform.auth('/sign-in/email', { email: person.email, password: 'mot-de-passe-eleve' }, { ip: randomIpv4() });
    expect(attempt.status).toBe(200);
  });
});

describe('a forgotten password', () => {
  const reset = (target: Person, as: Person = admin) =>
    platform.call(resetPasswordRoute, `/api/admin/users/${target.id}/password`, { as, method: 'POST', params: { id: target.id } });
  const signIn = (person: Person, password: string) => platform.auth('/sign-in/email', { email: person.email, password }, { ip: randomIpv4() });

  it('is replaced by a provisional one the admin hands over; the old one and its sessions stop working', async () => {
    const person = await platform.signUp({ password: 'oublie-depuis-longtemps' });
    const response = await reset(person);
    expect(response.status).toBe(200);
    const { password } = await response.json();
    expect(password).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);

    expect(await signedIn(person)).toBeNull();
    expect((await signIn(person, 'oublie-depuis-longtemps')).status).toBe(401);
    expect((await signIn(person, password)).status).toBe(200);
  });

  it('is the admin’s to reset, and never their own here', async () => {
    const person = await platform.signUp();
    const other = await platform.signUp();
    expect((await reset(person, other)).status).toBe(403);
    expect((await reset(admin)).status).toBe(409);
  });
});

describe('an admin', () => {
  it('never changes or disables their own account (there is always an admin left)', async () => {
    for (const body of [{ role: 'student' }, { disabled: true }]) {
      const response = await update(admin, body);
      expect(response.status).toBe(409);
      expect((await response.json()).message).toBe(
        'Vous ne pouvez pas modifier votre propre compte ici : demandez-le à un autre administrateur.',
      );
    }
    expect(await signedIn(admin)).toMatchObject({ role: 'admin' });
  });

  it('is told when the user no longer exists', async () => {
    const ghost = { id: 'inexistant', email: '', cookie: '' };
    const response = await update(ghost, { role: 'instructor' });
    expect(response.status).toBe(404);
  });
});
