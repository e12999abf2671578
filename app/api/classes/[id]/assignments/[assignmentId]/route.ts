// Takes an assignment back from the class.
import { route } from '@/server/http/route';
import { assignmentParams } from '@/server/http/class-params';

export const dynamic = 'force-dynamic';

export const DELETE = route(assignmentParams, async ({ params, caller, services }) => {
  await services.classes.unassign(caller.requireRole('instructor', 'admin'), params.id, params.assignmentId);
  return { deleted: true };
});
