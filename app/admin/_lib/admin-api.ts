import type { Role } from '@/server/auth/roles';
import { requestJson } from '../../_lib/request-json';

const patchUser = (userId: string, change: { role: Role } | { disabled: boolean }) =>
  requestJson<unknown>(`/api/admin/users/${encodeURIComponent(userId)}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(change),
  });

/** The admin API, as served by app/api/admin (rules in server/accounts/user-admin-service.ts). */
export const adminApi = {
  setRole: (userId: string, role: Role) => patchUser(userId, { role }),
  setDisabled: (userId: string, disabled: boolean) => patchUser(userId, { disabled }),
  /** A provisional password for the user, returned this once. */
  resetPassword: (userId: string) =>
    requestJson<{ password: string }>(`/api/admin/users/${encodeURIComponent(userId)}/password`, { method: 'POST' }),
};
