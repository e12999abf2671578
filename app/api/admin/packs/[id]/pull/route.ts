// « Mettre à jour maintenant »: a git pack is fetched, checked and switched in if valid; a folder is checked again.
import { packParams } from '@/server/http/admin-params';
import { route } from '@/server/http/route';

export const dynamic = 'force-dynamic';

export const POST = route(packParams, async ({ params, caller, services }) => {
  caller.requireRole('admin');
  return { pack: await services.packs.pull(params.id) };
});
