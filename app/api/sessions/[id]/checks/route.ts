// « Vérifier »: runs the step's check inside the sandbox and returns the stored attempt.
import { jsonBody, route } from '@/server/http/route';
import { checkBody, sessionParams } from '@/server/http/params';

export const dynamic = 'force-dynamic';

export const POST = route(sessionParams, async ({ request, params, caller, services }) => {
  const { step } = await jsonBody(request, checkBody);
  return { attempt: await services.sessions.check(caller.labOwner().id, params.id, step) };
});
