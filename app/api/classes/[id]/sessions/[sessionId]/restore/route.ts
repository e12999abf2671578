// An instructor takes a student's lab machines back to a step they passed (the student broke
// them): only for a running session of a student of the class (404 otherwise, as to anyone).
import { jsonBody, route } from '@/server/http/route';
import { supervisedSessionParams } from '@/server/http/class-params';
import { restoreBody } from '@/server/http/params';

export const dynamic = 'force-dynamic';

export const POST = route(supervisedSessionParams, async ({ request, params, caller, services }) => {
  const { step } = await jsonBody(request, restoreBody);
  const instructor = caller.requireRole('instructor', 'admin');
  const supervised = await services.supervision.supervisedSession(instructor, params.sessionId, params.id);
  return { session: await services.sessions.restore(supervised.ownerId, supervised.sessionId, step, instructor.id) };
});
