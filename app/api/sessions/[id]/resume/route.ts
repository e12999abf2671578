// « Reprendre »: a paused lab's machines start again, as they were (counts as a lab start).
import { route } from '@/server/http/route';
import { sessionParams } from '@/server/http/params';

export const dynamic = 'force-dynamic';

export const POST = route(sessionParams, async ({ params, caller, services }) => {
  const owner = caller.labOwner();
  await services.limits.labStarts.take(owner.id);
  return { session: await services.sessions.resume(owner.id, params.id) };
});
