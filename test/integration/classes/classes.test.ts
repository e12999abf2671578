/**
 * Classes through the real route handlers, with real accounts and the real course: an
 * instructor creates a class and assigns content, students join with the code, and nobody
 * sees or changes a class that is not theirs; an admin lists every class, renames one and
 * hands it over to another instructor. Needs no Docker engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as listRoute, POST as createRoute } from '@/app/api/classes/route';
import { DELETE as deleteRoute, GET as viewRoute, PATCH as updateRoute } from '@/app/api/classes/[id]/route';
import { PATCH as updateUserRoute } from '@/app/api/admin/users/[id]/route';
import { POST as assignRoute } from '@/app/api/classes/[id]/assignments/route';
import { DELETE as unassignRoute } from '@/app/api/classes/[id]/assignments/[assignmentId]/route';
import { DELETE as removeMemberRoute } from '@/app/api/classes/[id]/members/[userId]/route';
import { DELETE as leaveRoute } from '@/app/api/classes/[id]/membership/route';
import { POST as renewCodeRoute } from '@/app/api/classes/[id]/code/route';
import { POST as joinRoute } from '@/app/api/classes/join/route';
import type { SignedInUser } from '@/server/auth/caller';
import { formatJoinCode } from '@/server/classes/join-code';
import { openPlatform, type Person, type Platform } from '../platform-fixture';

let platform: Platform;
let teacher: Person;
let otherTeacher: Person;
let admin: Person;
let alice: Person;
let bob: Person;
let classId: string;
let joinCode: string;

beforeAll(async () => {
  platform = await openPlatform();
  [teacher, otherTeacher, admin, alice, bob] = await Promise.all([
    platform.signUp({ role: 'instructor', name: 'M. Leroy' }),
    platform.signUp({ role: 'instructor', name: 'Mme Petit' }),
    platform.signUp({ role: 'admin' }),
    platform.signUp({ name: 'Alice' }),
    platform.signUp({ name: 'Bob' }),
  ]);
});

afterAll(async () => platform?.close());

const json = async (response: Response) => ({ status: response.status, body: await response.json() });
const view = (as: Person, id = classId) => platform.call(viewRoute, `/api/classes/${id}`, { as, params: { id } }).then(json);
const join = (as: Person, code: string) => platform.call(joinRoute, '/api/classes/join', { as, body: { code } }).then(json);
const assign = (as: Person, body: object, id = classId) =>
  platform.call(assignRoute, `/api/classes/${id}/assignments`, { as, body, params: { id } }).then(json);

describe('an instructor', () => {
  it('creates a class and gets its join code', async () => {
    const created = await json(await platform.call(createRoute, '/api/classes', { as: teacher, body: { name: '  BTS SIO 2 ' } }));
    expect(created.status).toBe(200);
    classId = created.body.class.id;
    const { body } = await view(teacher);
    expect(body.view.as).toBe('manager');
    expect(body.view.managed).toMatchObject({ name: 'BTS SIO 2', members: [], assignments: [], instructor: { name: 'M. Leroy' } });
    joinCode = body.view.managed.joinCode;
    expect(joinCode).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
  });

  it('refuses a class without a name', async () => {
    const { status, body } = await json(await platform.call(createRoute, '/api/classes', { as: teacher, body: { name: '   ' } }));
    expect(status).toBe(400);
    expect(body.validations).toEqual([{ path: 'name', message: 'Donnez un nom à la classe.' }]);
  });

  it('assigns a lab with a deadline and a lesson without, in the course’s order', async () => {
    const lab = await assign(teacher, { kind: 'lab', slug: 'premiers-pas', dueAt: '2027-03-12T18:00:00+01:00' });
    expect(lab.status).toBe(200);
    expect(lab.body.assignment).toMatchObject({ kind: 'lab', href: '/labs/premiers-pas', title: 'Premiers pas avec Docker', dueAt: '2027-03-12T17:00:00.000Z' });
    expect((await assign(teacher, { kind: 'lesson', slug: 'virtualisation' })).status).toBe(200);

    const { body } = await view(teacher);
    expect(body.view.managed.assignments.map((a: { kind: string; slug: string }) => `${a.kind}/${a.slug}`)).toEqual([
      'lesson/virtualisation',
      'lab/premiers-pas',
    ]);
  });

  it('changes a deadline by assigning again, and refuses content that is not in the course', async () => {
    const again = await assign(teacher, { kind: 'lab', slug: 'premiers-pas', dueAt: '2027-03-19T18:00:00+01:00' });
    expect(again.body.assignment.dueAt).toBe('2027-03-19T17:00:00.000Z');
    expect((await view(teacher)).body.view.managed.assignments).toHaveLength(2);

    const unknown = await assign(teacher, { kind: 'lab', slug: 'pas-dans-le-cours' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe("« pas-dans-le-cours » n'est pas dans le cours : choisissez un contenu de la liste.");
    const noQuiz = await assign(teacher, { kind: 'quiz', slug: 'swarm' });
    expect(noQuiz.status).toBe(404);
    const badDate = await assign(teacher, { kind: 'lesson', slug: 'premiers-pas', dueAt: 'vendredi' });
    expect(badDate.status).toBe(400);
  });
});

describe('a student', () => {
  it('joins with the code however they type it, once', async () => {
    const typed = formatJoinCode(joinCode).toLowerCase().replace('-', ' - ');
    const joined = await join(alice, typed);
    expect(joined).toEqual({ status: 200, body: { class: { id: classId, name: 'BTS SIO 2' } } });
    expect((await join(alice, joinCode)).status).toBe(200);
    expect((await join(bob, joinCode)).status).toBe(200);

    const roster = (await view(teacher)).body.view.managed.members;
    expect(roster.map((m: { name: string }) => m.name)).toEqual(['Alice', 'Bob']);
  });

  it('is told what to do with a wrong code', async () => {
    const wrong = await join(alice, 'ZZZZ-ZZZZ');
    expect(wrong.status).toBe(404);
    expect(wrong.body.message).toBe("Aucune classe n'a ce code : vérifiez-le auprès de votre enseignant (8 caractères, comme ABCD-EFGH).");
  });

  it('sees the class’s assignments and deadlines, not its code or roster', async () => {
    const { status, body } = await view(alice);
    expect(status).toBe(200);
    expect(body.view.as).toBe('member');
    expect(body.view.joined).toMatchObject({ name: 'BTS SIO 2', instructorName: 'M. Leroy' });
    expect(body.view.joined.assignments[1]).toMatchObject({ kind: 'lab', dueAt: '2027-03-19T17:00:00.000Z' });
    expect(JSON.stringify(body)).not.toContain(joinCode);
    expect(JSON.stringify(body)).not.toContain(bob.email);

    const mine = await json(await platform.call(listRoute, '/api/classes', { as: alice }));
    expect(mine.body.taught).toEqual([]);
    expect(mine.body.joined.map((c: { id: string }) => c.id)).toEqual([classId]);
  });

  it('cannot manage the class: no assignment, no roster change, no new code, no deletion', async () => {
    const assignment = (await view(teacher)).body.view.managed.assignments[0];
    const attempts = [
      await assign(alice, { kind: 'lesson', slug: 'avant-le-cloud' }),
      await platform.call(unassignRoute, '/', { as: alice, method: 'DELETE', params: { id: classId, assignmentId: assignment.id } }).then(json),
      await platform.call(removeMemberRoute, '/', { as: alice, method: 'DELETE', params: { id: classId, userId: bob.id } }).then(json),
      await platform.call(renewCodeRoute, '/', { as: alice, method: 'POST', params: { id: classId } }).then(json),
      await platform.call(deleteRoute, '/', { as: alice, method: 'DELETE', params: { id: classId } }).then(json),
    ];
    expect(attempts.map((a) => a.status)).toEqual([403, 403, 403, 403, 403]);
    const after = (await view(teacher)).body.view.managed;
    expect(after.members).toHaveLength(2);
    expect(after.assignments).toHaveLength(2);
    expect(after.joinCode).toBe(joinCode);
  });

  it('never sees a class they did not join', async () => {
    const created = await json(await platform.call(createRoute, '/api/classes', { as: otherTeacher, body: { name: 'Autre classe' } }));
    const { status, body } = await view(alice, created.body.class.id);
    expect(status).toBe(404);
    expect(body.message).toBe("Cette classe n'existe pas, ou vous n'y avez pas accès.");
  });

  it('leaves a class', async () => {
    const student = await platform.signUp();
    await join(student, joinCode);
    expect((await platform.call(leaveRoute, '/', { as: student, method: 'DELETE', params: { id: classId } })).status).toBe(200);
    expect((await view(student)).status).toBe(404);
  });
});

describe('another instructor', () => {
  it('sees nothing of a class that is not theirs, and changes nothing', async () => {
    expect((await view(otherTeacher)).status).toBe(404);
    expect((await assign(otherTeacher, { kind: 'lesson', slug: 'avant-le-cloud' })).status).toBe(404);
    const remove = await platform.call(removeMemberRoute, '/', { as: otherTeacher, method: 'DELETE', params: { id: classId, userId: alice.id } });
    expect(remove.status).toBe(404);
    const renew = await platform.call(renewCodeRoute, '/', { as: otherTeacher, method: 'POST', params: { id: classId } });
    expect(renew.status).toBe(404);
    const remove2 = await platform.call(deleteRoute, '/', { as: otherTeacher, method: 'DELETE', params: { id: classId } });
    expect(remove2.status).toBe(404);

    const theirs = await json(await platform.call(listRoute, '/api/classes', { as: otherTeacher }));
    expect(theirs.body.taught.map((c: { name: string }) => c.name)).toEqual(['Autre classe']);
    expect((await view(teacher)).body.view.managed.members).toHaveLength(2);
  });
});

describe('an admin', () => {
  it('manages any class', async () => {
    const { body } = await view(admin);
    expect(body.view.as).toBe('manager');
    expect((await assign(admin, { kind: 'quiz', slug: 'premiers-pas' })).status).toBe(200);
  });
});

describe('the class’s instructor', () => {
  it('removes a student, who then loses the class', async () => {
    const response = await platform.call(removeMemberRoute, '/', { as: teacher, method: 'DELETE', params: { id: classId, userId: bob.id } });
    expect(response.status).toBe(200);
    expect((await view(bob)).status).toBe(404);
  });

  it('takes back an assignment', async () => {
    const [first] = (await view(teacher)).body.view.managed.assignments;
    const response = await platform.call(unassignRoute, '/', { as: teacher, method: 'DELETE', params: { id: classId, assignmentId: first.id } });
    expect(response.status).toBe(200);
    expect((await view(alice)).body.view.joined.assignments.map((a: { id: string }) => a.id)).not.toContain(first.id);
  });

  it('replaces the join code: the old one stops working', async () => {
    const renewed = await json(await platform.call(renewCodeRoute, '/', { as: teacher, method: 'POST', params: { id: classId } }));
    expect(renewed.body.joinCode).not.toBe(joinCode);
    const latecomer = await platform.signUp();
    expect((await join(latecomer, joinCode)).status).toBe(404);
    expect((await join(latecomer, renewed.body.joinCode)).status).toBe(200);
  });

  it('cannot join their own class', async () => {
    const code = (await view(teacher)).body.view.managed.joinCode;
    const own = await join(teacher, code);
    expect(own.status).toBe(409);
  });

  it('deletes the class: its students no longer see it', async () => {
    expect((await platform.call(deleteRoute, '/', { as: teacher, method: 'DELETE', params: { id: classId } })).status).toBe(200);
    expect((await view(alice)).status).toBe(404);
    expect(await platform.db.prisma.classMember.count({ where: { classroomId: classId } })).toBe(0);
  });
});

describe('join attempts', () => {
  it('are limited per student, so codes cannot be guessed by trying', async () => {
    const guesser = await platform.signUp();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) statuses.push((await join(guesser, `AAAA${String(i).padStart(4, 'A')}`)).status);
    expect(statuses.slice(0, 10).every((status) => status === 404)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});

describe('an admin over every class', () => {
  let taught: string;
  let adminUser: SignedInUser;
  const update = (as: Person, body: object, id = taught) => platform.call(updateRoute, `/api/classes/${id}`, { as, method: 'PATCH', body, params: { id } }).then(json);
  const instructorOf = async (id = taught) => (await view(admin, id)).body.view.managed.instructor.name;

  beforeAll(async () => {
    adminUser = { id: admin.id, name: 'Admin', email: admin.email, role: 'admin' };
    taught = (await json(await platform.call(createRoute, '/api/classes', { as: teacher, body: { name: 'Terminale NSI' } }))).body.class.id;
    const { joinCode: code } = (await view(teacher, taught)).body.view.managed;
    await join(alice, code);
    await assign(teacher, { kind: 'lab', slug: 'premiers-pas' }, taught);
  });

  it('lists every class with its instructor, roster and assignments, newest first; nobody else does', async () => {
    const all = await platform.services.classes.listAll(adminUser);
    expect(all[0]).toMatchObject({ id: taught, name: 'Terminale NSI', instructorName: 'M. Leroy', students: 1, assignments: 1 });
    expect(all.map((c) => c.name)).toContain('Autre classe');
    await expect(platform.services.classes.listAll({ ...adminUser, id: teacher.id, role: 'instructor' })).rejects.toMatchObject({ status: 403 });
  });

  it('renames a class: its instructor and its students see the new name', async () => {
    const renamed = await update(admin, { name: '  Terminale NSI — groupe 2 ' });
    expect(renamed).toEqual({ status: 200, body: { class: { name: 'Terminale NSI — groupe 2' } } });
    expect((await view(alice, taught)).body.view.joined.name).toBe('Terminale NSI — groupe 2');
    const mine = await json(await platform.call(listRoute, '/api/classes', { as: teacher }));
    expect(mine.body.taught.find((c: { id: string }) => c.id === taught).name).toBe('Terminale NSI — groupe 2');
  });

  it('lets the class’s own instructor rename it too, and refuses an empty name or two changes at once', async () => {
    expect((await update(teacher, { name: 'Terminale NSI' })).status).toBe(200);
    const blank = await update(admin, { name: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body.validations).toEqual([{ path: 'name', message: 'Donnez un nom à la classe.' }]);
    const both = await update(admin, { name: 'X', instructorId: otherTeacher.id });
    expect(both.status).toBe(400);
    expect(both.body.validations).toEqual([{ path: '', message: 'Indiquez soit un nouveau nom (name), soit le nouvel enseignant (instructorId).' }]);
    expect((await view(teacher, taught)).body.view.managed.name).toBe('Terminale NSI');
  });

  it('lists who can take a class over: enabled instructors and admins, not students', async () => {
    const teachers = await platform.services.classes.listTeachers(adminUser);
    const ids = teachers.map((t) => t.id);
    expect(ids).toEqual(expect.arrayContaining([teacher.id, otherTeacher.id, admin.id]));
    expect(ids).not.toContain(alice.id);
    await expect(platform.services.classes.listTeachers({ ...adminUser, id: teacher.id, role: 'instructor' })).rejects.toMatchObject({ status: 403 });
  });

  it('refuses to hand a class over to a student, a disabled instructor or an unknown account, saying why', async () => {
    const toStudent = await update(admin, { instructorId: bob.id });
    expect(toStudent.status).toBe(409);
    expect(toStudent.body.message).toBe("Bob n'a pas le rôle d'enseignant : un administrateur doit d'abord le lui donner (page Administration, « Comptes »), puis lui confier la classe.");
    const leaving = await platform.signUp({ role: 'instructor', name: 'M. Départ' });
    await platform.call(updateUserRoute, `/api/admin/users/${leaving.id}`, { as: admin, method: 'PATCH', body: { disabled: true }, params: { id: leaving.id } });
    const toDisabled = await update(admin, { instructorId: leaving.id });
    expect(toDisabled.status).toBe(409);
    expect(toDisabled.body.message).toMatch(/^Le compte de M\. Départ est désactivé/);
    expect((await update(admin, { instructorId: 'personne' })).status).toBe(404);
    expect(await instructorOf()).toBe('M. Leroy');
  });

  it('refuses a transfer by another instructor (not found) or by a student, even one of the class (forbidden)', async () => {
    const byOther = await update(otherTeacher, { instructorId: otherTeacher.id });
    expect(byOther.status).toBe(404);
    expect(byOther.body.message).toBe("Cette classe n'existe pas, ou vous n'y avez pas accès.");
    const byStudent = await update(alice, { instructorId: otherTeacher.id });
    expect(byStudent.status).toBe(403);
    expect((await update(alice, { name: 'Piratée' })).status).toBe(403);
    expect(await instructorOf()).toBe('M. Leroy');
  });

  it('hands a class over with its roster and assignments: the new instructor manages it, the old one no longer sees it', async () => {
    // The new instructor had joined the class as a student: they leave its roster.
    await join(otherTeacher, (await view(teacher, taught)).body.view.managed.joinCode);
    const handed = await update(admin, { instructorId: otherTeacher.id });
    expect(handed).toEqual({ status: 200, body: { instructor: { id: otherTeacher.id, name: 'Mme Petit', email: otherTeacher.email } } });
    const managed = (await view(otherTeacher, taught)).body.view;
    expect(managed.as).toBe('manager');
    expect(managed.managed.members.map((m: { userId: string }) => m.userId)).toEqual([alice.id]);
    expect(managed.managed.assignments).toHaveLength(1);
    expect((await view(teacher, taught)).status).toBe(404);
    expect((await view(alice, taught)).body.view.joined.instructorName).toBe('Mme Petit');
    const theirs = await json(await platform.call(listRoute, '/api/classes', { as: otherTeacher }));
    expect(theirs.body.taught.map((c: { id: string }) => c.id)).toContain(taught);
  });

  it('lets an instructor hand their own class to a colleague', async () => {
    const back = await update(otherTeacher, { instructorId: teacher.id });
    expect(back.status).toBe(200);
    expect(await instructorOf()).toBe('M. Leroy');
  });
});
