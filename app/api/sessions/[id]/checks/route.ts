// « Vérifier »: runs the step's check inside the sandbox and returns the stored attempt.
import { jsonBody, route } from '@/server/http/route';
import { checkBody, sessionParams } from '@/server/http/params';

export const dynamic = 'force-dynamic';

export const POST = route(sessionParams, async ({ request, params, caller, services }) => {
  const { step } = await jsonBody(request, checkBody);
  const owner = caller.labOwner();
  // Per session, and keyed by its owner too: someone else's requests never use up a student's checks.
  await services.limits.checks.take(`${owner.id}/${params.id}`);
  return { attempt: await services.sessions.check(owner.id, params.id, step) };
});
