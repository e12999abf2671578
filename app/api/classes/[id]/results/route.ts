// The class dashboard's matrix (students × graded assignments) and the students who look stuck, polled while the dashboard is open.
import { route } from '@/server/http/route';
import { classParams } from '@/server/http/class-params';

export const dynamic = 'force-dynamic';

export const GET = route(classParams, async ({ params, caller, services }) =>
  services.results.dashboard(caller.requireRole('instructor', 'admin'), params.id),
);
