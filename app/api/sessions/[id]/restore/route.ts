// « Revenir à l'étape N »: the lab's machines as they were when step N was passed.
import { jsonBody, route } from '@/server/http/route';
import { restoreBody, sessionParams } from '@/server/http/params';

export const dynamic = 'force-dynamic';

export const POST = route(sessionParams, async ({ request, params, caller, services }) => {
  const { step } = await jsonBody(request, restoreBody);
  const owner = caller.labOwner();
  // A restore rebuilds the machines, as a start does.
  await services.limits.labStarts.take(owner.id);
  return { session: await services.sessions.restore(owner.id, params.id, step) };
});
