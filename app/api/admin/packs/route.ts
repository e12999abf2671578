// Admins' view of the content packs (DOCKYARD_CONTENT's and their own), and adding one.
import { addPackBody } from '@/server/http/admin-params';
import { noParams } from '@/server/http/params';
import { jsonBody, route } from '@/server/http/route';

export const dynamic = 'force-dynamic';

export const GET = route(noParams, async ({ caller, services }) => {
  caller.requireRole('admin');
  return { packs: services.packs.statuses() };
});

export const POST = route(noParams, async ({ request, caller, services }) => {
  const admin = caller.requireRole('admin');
  const { id, location } = await jsonBody(request, addPackBody);
  return { pack: await services.packs.add(id, location, admin.id) };
});
