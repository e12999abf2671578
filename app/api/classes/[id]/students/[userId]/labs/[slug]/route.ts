// The dashboard's drill-down: one student's sessions, and their attempts with outputs, hints and
// solutions on one lab, a page at a time (?after=<cursor>&limit=<1-100>).
import { route } from '@/server/http/route';
import { studentLabParams } from '@/server/http/class-params';
import { queryOf } from '@/server/http/query';
import { evidenceQuery } from '@/server/http/results-params';

export const dynamic = 'force-dynamic';

export const GET = route(studentLabParams, async ({ request, params, caller, services }) => ({
  evidence: await services.results.labEvidence(
    caller.requireRole('instructor', 'admin'),
    params.id,
    params.userId,
    params.slug,
    queryOf(request, evidenceQuery),
  ),
}));
