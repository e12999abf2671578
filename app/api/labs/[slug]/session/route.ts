// The caller's session of one lab: GET finds it, running or paused (a reload reattaches), with
// the storage their paused labs hold; POST starts it (or resumes the paused one).
// Both need a signed-in user (or workshop mode): 401 tells the page to offer « Se connecter ».
import { route } from '@/server/http/route';
import { labParams } from '@/server/http/params';

export const dynamic = 'force-dynamic';

export const GET = route(labParams, async ({ params, caller, services }) => {
  const owner = caller.labOwner();
  const [session, storage] = await Promise.all([
    services.sessions.findCurrent(owner.id, params.slug),
    services.sessions.pausedStorage(owner.id),
  ]);
  return { session, storage };
});

export const POST = route(labParams, async ({ params, caller, services }) => {
  const owner = caller.labOwner();
  await services.limits.labStarts.take(owner.id);
  return { session: await services.sessions.start(owner.id, params.slug, owner.userId) };
});
