// « Réinitialiser »: ends the session and starts a fresh one of the same lab (new sandboxes),
// so it counts as a start for the rate limit.
import { route } from '@/server/http/route';
import { sessionParams } from '@/server/http/params';

export const dynamic = 'force-dynamic';

export const POST = route(sessionParams, async ({ params, caller, services }) => {
  const owner = caller.labOwner();
  await services.limits.labStarts.take(owner.id);
  return { session: await services.sessions.reset(owner.id, params.id) };
});
