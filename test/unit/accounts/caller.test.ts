import { describe, expect, it } from 'vitest';
import { Caller, type SignedInUser } from '@/server/auth/caller';
import { toEnvelope } from '@/server/errors';

const student: SignedInUser = { id: 'u-eleve', name: 'Élève', email: 'eleve@exemple.fr', role: 'student' };
const instructor: SignedInUser = { ...student, id: 'u-prof', role: 'instructor' };
const admin: SignedInUser = { ...student, id: 'u-admin', role: 'admin' };

/** The status and message a browser would get for this refusal. */
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    const { status, body } = toEnvelope(error);
    return { status, message: body.message };
  }
  throw new Error('aucun refus');
};

describe('who owns a lab session', () => {
  it('is the account when someone is signed in, in any mode', () => {
    for (const anonymousLabs of [false, true]) {
      expect(new Caller(student, 'navigateur-1', anonymousLabs).labOwner()).toEqual({ id: 'u-eleve', userId: 'u-eleve' });
    }
  });

  it('is the browser without an account only in workshop mode', () => {
    expect(new Caller(null, 'navigateur-1', true).labOwner()).toEqual({ id: 'navigateur-1', userId: null });
    expect(refusal(() => new Caller(null, 'navigateur-1', false).labOwner())).toEqual({
      status: 401,
      message: 'Connectez-vous (ou créez un compte) pour démarrer ce lab : votre machine sera rattachée à votre compte.',
    });
    expect(new Caller(null, 'navigateur-1', false).tryLabOwner()).toBeNull();
  });

  it('needs at least the owner cookie in workshop mode', () => {
    expect(refusal(() => new Caller(null, null, true).labOwner()).status).toBe(401);
  });
});

describe('who owns a quiz attempt', () => {
  it('is the account, else the visitor’s browser, whatever the mode', () => {
    expect(new Caller(student, 'navigateur-1', false).quizOwner()).toEqual({ id: 'u-eleve', userId: 'u-eleve' });
    expect(new Caller(null, 'navigateur-1', false).quizOwner()).toEqual({ id: 'navigateur-1', userId: null });
    expect(refusal(() => new Caller(null, null, false).quizOwner()).status).toBe(401);
  });
});

describe('roles', () => {
  it('let instructors and admins teach, and only admins administer', () => {
    expect(new Caller(instructor, null, false).requireRole('instructor', 'admin')).toBe(instructor);
    expect(new Caller(admin, null, false).requireRole('instructor', 'admin')).toBe(admin);
    expect(new Caller(admin, null, false).requireRole('admin')).toBe(admin);
  });

  it('refuse the others with what to do (403), and nobody with « connectez-vous » (401)', () => {
    expect(refusal(() => new Caller(student, null, false).requireRole('instructor', 'admin'))).toEqual({
      status: 403,
      message: 'Cette action est réservée aux enseignants. Demandez à un administrateur de vous donner ce rôle.',
    });
    expect(refusal(() => new Caller(instructor, null, false).requireRole('admin'))).toEqual({
      status: 403,
      message: 'Cette action est réservée aux administrateurs.',
    });
    expect(refusal(() => new Caller(null, 'navigateur-1', true).requireRole('admin')).status).toBe(401);
  });
});
