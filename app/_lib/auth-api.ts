import type { SignedInUser } from '@/server/auth/caller';
import { requestJson } from './request-json';

const post = (url: string, body: unknown) =>
  requestJson<unknown>(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/**
 * Accounts as the pages use them: better-auth's endpoints (server/auth/better-auth.ts), whose
 * errors come back in Dockyard's envelope, in French.
 */
export const authApi = {
  signIn: (email: string, password: string) => post('/api/auth/sign-in/email', { email, password }),
  /** Signs the new user in at once. */
  signUp: (name: string, email: string, password: string) => post('/api/auth/sign-up/email', { name, email, password }),
  signOut: () => post('/api/auth/sign-out', {}),
  /** Also signs the account out on every other device. */
  changePassword: (currentPassword: string, newPassword: string) =>
    post('/api/auth/change-password', { currentPassword, newPassword, revokeOtherSessions: true }),
  me: () => requestJson<{ user: SignedInUser | null }>('/api/me'),
};
