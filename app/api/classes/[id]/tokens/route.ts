// The class's grader API tokens: GET lists them (never their value), POST makes one and returns its value, once.
import { classParams, graderTokenBody } from '@/server/http/class-params';
import { jsonBody, route } from '@/server/http/route';

export const dynamic = 'force-dynamic';

export const GET = route(classParams, async ({ params, caller, services }) => ({
  tokens: await services.graderTokens.list(caller.requireRole('instructor', 'admin'), params.id),
}));

export const POST = route(classParams, async ({ request, params, caller, services }) => {
  const actor = caller.requireRole('instructor', 'admin');
  const { name } = await jsonBody(request, graderTokenBody);
  return services.graderTokens.create(actor, params.id, name);
});
