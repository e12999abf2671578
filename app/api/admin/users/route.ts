// Admins list users (?q= filters by name or e-mail).
import { route } from '@/server/http/route';
import { userSearch } from '@/server/http/admin-params';
import { noParams } from '@/server/http/params';

export const dynamic = 'force-dynamic';

export const GET = route(noParams, async ({ request, caller, services }) => {
  const admin = caller.requireRole('admin');
  const { q } = userSearch.parse({ q: new URL(request.url).searchParams.get('q') ?? undefined });
  return { users: await services.users.list(admin, q) };
});
