import type { Role } from '../auth/roles';

/** A user as the admin page lists them (never their password, sessions or ban details). */
export interface UserView {
  id: string;
  name: string;
  email: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
  /** Classes they teach and classes they joined. */
  classesTaught: number;
  classesJoined: number;
}
