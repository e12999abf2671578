// Grader API: one student's record on one lab — sessions, attempts with outputs, hints, solutions. See docs/api.md.
import { studentLabParams } from '@/server/http/class-params';
import { grantedClass, graderRoute } from '@/server/http/grader-route';

export const dynamic = 'force-dynamic';

export const GET = graderRoute(studentLabParams, async ({ params, grant, services }) => ({
  evidence: await services.results.labEvidenceByToken(grantedClass(grant, params.id), params.userId, params.slug),
}));
