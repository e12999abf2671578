// An admin removes a pack they (or another admin) added; DOCKYARD_CONTENT's stay.
import { packParams } from '@/server/http/admin-params';
import { route } from '@/server/http/route';

export const dynamic = 'force-dynamic';

export const DELETE = route(packParams, async ({ params, caller, services }) => {
  caller.requireRole('admin');
  await services.packs.remove(params.id);
  return { removed: true };
});
