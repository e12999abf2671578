// Admins list users (?q= filters by name or e-mail).
import { route } from '@/server/http/route';
import { userSearch } from '@/server/http/admin-params';
import { noParams } from '@/server/http/params';
import { queryOf } from '@/server/http/query';

export const dynamic = 'force-dynamic';

export const GET = route(noParams, async ({ request, caller, services }) => {
  const admin = caller.requireRole('admin');
  const { q } = queryOf(request, userSearch);
  return { users: await services.users.list(admin, q) };
});
