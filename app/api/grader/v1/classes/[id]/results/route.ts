// Grader API: the class's results, students × graded assignments, with totals. See docs/api.md.
import { classParams } from '@/server/http/class-params';
import { grantedClass, graderRoute } from '@/server/http/grader-route';

export const dynamic = 'force-dynamic';

export const GET = graderRoute(classParams, async ({ params, grant, services }) => ({
  results: await services.results.resultsByToken(grantedClass(grant, params.id)),
}));
