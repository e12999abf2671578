// The .cast of a student's lab terminal (?node=<name>, the first recorded machine otherwise),
// with a mark at each check, hint, solution and pause: for the replay page's player. Only the
// class's instructor or an admin (404 otherwise, as to anyone).
import { supervisedSessionParams } from '@/server/http/class-params';
import { queryOf } from '@/server/http/query';
import { route } from '@/server/http/route';
import { castResponse, recordingQuery } from '@/server/recordings/recording-http';

export const dynamic = 'force-dynamic';

export const GET = route(supervisedSessionParams, async ({ request, params, caller, services }) => {
  const { node } = queryOf(request, recordingQuery);
  const cast = await services.recordings.cast(caller.requireRole('instructor', 'admin'), params.id, params.sessionId, node);
  return castResponse(cast, params.sessionId, node);
});
