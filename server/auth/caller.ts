/**
 * Who is calling: a signed-in user, or only a browser (its signed owner cookie). Every route,
 * page and socket asks the Caller, never the cookies, so that one set of rules decides who
 * owns lab sessions and attempts, and which role may do what.
 */
import { ForbiddenError, SignInRequiredError, UnauthorizedError } from '../errors';
import type { Role } from './roles';

export interface SignedInUser {
  id: string;
  name: string;
  email: string;
  role: Role;
}

/**
 * Whose lab sessions and attempts these are. For a user, `id` is their user id and `userId`
 * the same; for an anonymous browser (workshop mode, a visitor's quiz), `id` is the browser's
 * owner id and `userId` is null.
 */
export interface Owner {
  id: string;
  userId: string | null;
}

export const SIGN_IN_TO_START_LAB = 'Connectez-vous (ou créez un compte) pour démarrer ce lab : votre machine sera rattachée à votre compte.';

/** What to say to someone whose role is below the one needed. */
const FORBIDDEN_BELOW: Record<'instructor' | 'admin', string> = {
  instructor: 'Cette action est réservée aux enseignants. Demandez à un administrateur de vous donner ce rôle.',
  admin: 'Cette action est réservée aux administrateurs.',
};

export class Caller {
  constructor(
    readonly user: SignedInUser | null,
    /** The browser's owner id from its signed cookie, if it has one. */
    private readonly browserId: string | null,
    /** Workshop mode (DOCKYARD_ANONYMOUS_LABS): labs start without an account. */
    private readonly anonymousLabs: boolean,
  ) {}

  /** Who a lab session started now would belong to; refused without an account unless in workshop mode. */
  labOwner(): Owner {
    const owner = this.tryLabOwner();
    if (owner) return owner;
    if (this.anonymousLabs) throw new UnauthorizedError();
    throw new SignInRequiredError(SIGN_IN_TO_START_LAB);
  }

  tryLabOwner(): Owner | null {
    if (this.user) return { id: this.user.id, userId: this.user.id };
    if (this.anonymousLabs && this.browserId) return { id: this.browserId, userId: null };
    return null;
  }

  /** Quizzes stay open to visitors: their attempts belong to the browser until they sign in. */
  quizOwner(): Owner {
    if (this.user) return { id: this.user.id, userId: this.user.id };
    if (this.browserId) return { id: this.browserId, userId: null };
    throw new UnauthorizedError();
  }

  requireUser(): SignedInUser {
    if (!this.user) throw new SignInRequiredError();
    return this.user;
  }

  /** The user, if their role is one of `roles`; 403 otherwise (401 when nobody is signed in). */
  requireRole(...roles: Role[]): SignedInUser {
    const user = this.requireUser();
    if (roles.includes(user.role)) return user;
    throw new ForbiddenError(FORBIDDEN_BELOW[roles.includes('instructor') ? 'instructor' : 'admin']);
  }
}
