import type { Role } from '@/server/auth/roles';
import { requestJson } from '../../_lib/request-json';

const patch = (url: string, change: object) =>
  requestJson<unknown>(url, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(change) });

const patchUser = (userId: string, change: { role: Role } | { disabled: boolean }) => patch(`/api/admin/users/${encodeURIComponent(userId)}`, change);
const patchClass = (classId: string, change: { name: string } | { instructorId: string }) => patch(`/api/classes/${encodeURIComponent(classId)}`, change);

/**
 * The admin page's API, as served by app/api/admin and app/api/classes (rules in
 * server/accounts/user-admin-service.ts and server/classes/class-service.ts).
 */
export const adminApi = {
  setRole: (userId: string, role: Role) => patchUser(userId, { role }),
  setDisabled: (userId: string, disabled: boolean) => patchUser(userId, { disabled }),
  /** A provisional password for the user, returned this once. */
  resetPassword: (userId: string) =>
    requestJson<{ password: string }>(`/api/admin/users/${encodeURIComponent(userId)}/password`, { method: 'POST' }),
  renameClass: (classId: string, name: string) => patchClass(classId, { name }),
  /** Hands the class over to another teacher. */
  transferClass: (classId: string, instructorId: string) => patchClass(classId, { instructorId }),
};
