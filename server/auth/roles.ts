/**
 * Who may do what: a student starts labs and joins classes; an instructor also runs classes;
 * an admin also manages users and every class. New accounts are students; only an admin (or
 * the `admin:create` command) gives another role. Free of zod: the browser imports it too.
 */
export const ROLES = ['student', 'instructor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that create and run classes. */
export const TEACHING_ROLES: readonly Role[] = ['instructor', 'admin'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
