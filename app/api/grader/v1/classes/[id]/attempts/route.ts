// Grader API: every lab check and quiz answer of the class's students on its assignments, oldest
// first, a page at a time (?after=<cursor>&since=<ISO>&limit=<1-200>). See docs/api.md.
import { classParams } from '@/server/http/class-params';
import { grantedClass, graderRoute } from '@/server/http/grader-route';
import { queryOf } from '@/server/http/query';
import { attemptsQuery } from '@/server/http/results-params';

export const dynamic = 'force-dynamic';

export const GET = graderRoute(classParams, async ({ request, params, grant, services }) =>
  services.graderAttempts.page(grantedClass(grant, params.id), queryOf(request, attemptsQuery)),
);
