// Admins change a user's role, or disable / re-enable their account.
import { jsonBody, route } from '@/server/http/route';
import { updateUserBody, userParams } from '@/server/http/admin-params';

export const dynamic = 'force-dynamic';

export const PATCH = route(userParams, async ({ request, params, caller, services }) => {
  const admin = caller.requireRole('admin');
  const change = await jsonBody(request, updateUserBody);
  if ('role' in change) await services.users.setRole(admin, params.id, change.role);
  else await services.users.setDisabled(admin, params.id, change.disabled);
  return { updated: true };
});
