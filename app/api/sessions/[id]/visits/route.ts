// The student opened a step (or the conclusion): its Killercoda scripts start, once per session.
import { jsonBody, route } from '@/server/http/route';
import { sessionParams, visitBody } from '@/server/http/params';

export const dynamic = 'force-dynamic';

export const POST = route(sessionParams, async ({ request, params, caller, services }) => {
  const { step } = await jsonBody(request, visitBody);
  await services.sessions.visit(caller.labOwner().id, params.id, step);
  return { visited: step };
});
