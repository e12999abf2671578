// The class dashboard's matrix (students × graded assignments), polled while the dashboard is open.
import { route } from '@/server/http/route';
import { classParams } from '@/server/http/class-params';

export const dynamic = 'force-dynamic';

export const GET = route(classParams, async ({ params, caller, services }) => ({
  results: await services.results.results(caller.requireRole('instructor', 'admin'), params.id),
}));
