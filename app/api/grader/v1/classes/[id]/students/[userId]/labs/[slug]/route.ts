// Grader API: one student's record on one lab — sessions, and attempts with outputs, hints and
// solutions a page at a time (?after=<cursor>&limit=<1-100>). See docs/api.md.
import { studentLabParams } from '@/server/http/class-params';
import { grantedClass, graderRoute } from '@/server/http/grader-route';
import { queryOf } from '@/server/http/query';
import { evidenceQuery } from '@/server/http/results-params';

export const dynamic = 'force-dynamic';

export const GET = graderRoute(studentLabParams, async ({ request, params, grant, services }) => ({
  evidence: await services.results.labEvidenceByToken(grantedClass(grant, params.id), params.userId, params.slug, queryOf(request, evidenceQuery)),
}));
