// Which of a student's sessions (?sessions=<id>,<id>…) have a terminal recording: the
// dashboard's drill-down links to their replay. Only the class's instructor or an admin.
import { classParams } from '@/server/http/class-params';
import { queryOf } from '@/server/http/query';
import { route } from '@/server/http/route';
import { recordedQuery } from '@/server/recordings/recording-http';

export const dynamic = 'force-dynamic';

export const GET = route(classParams, async ({ request, params, caller, services }) => ({
  recorded: await services.recordings.recordedAmong(caller.requireRole('instructor', 'admin'), params.id, queryOf(request, recordedQuery).sessions),
}));
