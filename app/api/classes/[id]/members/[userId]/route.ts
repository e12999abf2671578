// The instructor removes someone from the class roster.
import { route } from '@/server/http/route';
import { memberParams } from '@/server/http/class-params';

export const dynamic = 'force-dynamic';

export const DELETE = route(memberParams, async ({ params, caller, services }) => {
  await services.classes.removeMember(caller.requireRole('instructor', 'admin'), params.id, params.userId);
  return { deleted: true };
});
