// « Indice »: records and returns the next hint of a step (hints come one at a time).
import { jsonBody, route } from '@/server/http/route';
import { hintBody, sessionParams } from '@/server/http/params';

export const dynamic = 'force-dynamic';

export const POST = route(sessionParams, async ({ request, params, caller, services }) => {
  const { step, hint } = await jsonBody(request, hintBody);
  return { help: await services.help.revealHint(caller.labOwner().id, params.id, step, hint) };
});
