// The caller's session of one lab: GET finds it (a reload reattaches), POST starts it.
// Both need a signed-in user (or workshop mode): 401 tells the page to offer « Se connecter ».
import { route } from '@/server/http/route';
import { labParams } from '@/server/http/params';

export const dynamic = 'force-dynamic';

export const GET = route(labParams, async ({ params, caller, services }) => ({
  session: await services.sessions.findRunning(caller.labOwner().id, params.slug),
}));

export const POST = route(labParams, async ({ params, caller, services }) => {
  const owner = caller.labOwner();
  await services.limits.labStarts.take(owner.id);
  return { session: await services.sessions.start(owner.id, params.slug, owner.userId) };
});
