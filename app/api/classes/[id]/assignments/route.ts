// Gives the class a lab, lesson or quiz of the course, with an optional deadline (again: new deadline).
import { jsonBody, route } from '@/server/http/route';
import { assignBody, classParams } from '@/server/http/class-params';

export const dynamic = 'force-dynamic';

export const POST = route(classParams, async ({ request, params, caller, services }) => {
  const user = caller.requireRole('instructor', 'admin');
  const input = await jsonBody(request, assignBody);
  return { assignment: await services.classes.assign(user, params.id, input) };
});
