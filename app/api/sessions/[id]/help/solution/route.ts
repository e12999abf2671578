// « Voir la solution »: records the reveal (graders see it) and returns the step's solution.
import { jsonBody, route } from '@/server/http/route';
import { sessionParams, solutionBody } from '@/server/http/params';

export const dynamic = 'force-dynamic';

export const POST = route(sessionParams, async ({ request, params, caller, services }) => {
  const { step } = await jsonBody(request, solutionBody);
  return { help: await services.help.revealSolution(caller.labOwner().id, params.id, step) };
});
