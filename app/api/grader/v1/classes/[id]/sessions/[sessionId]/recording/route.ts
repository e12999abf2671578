// Grader API: the .cast (asciicast v2) of a student's lab terminal, ?node=<name> for another
// machine than the first, with "m" marks at each check, hint, solution and pause. See docs/api.md.
import { supervisedSessionParams } from '@/server/http/class-params';
import { grantedClass, graderRoute } from '@/server/http/grader-route';
import { queryOf } from '@/server/http/query';
import { castResponse, recordingQuery } from '@/server/recordings/recording-http';

export const dynamic = 'force-dynamic';

export const GET = graderRoute(supervisedSessionParams, async ({ request, params, grant, services }) => {
  const { node } = queryOf(request, recordingQuery);
  return castResponse(await services.recordings.castByToken(grantedClass(grant, params.id), params.sessionId, node), params.sessionId, node);
});
