// One class: GET as its instructor, an admin or a member sees it; DELETE (instructor, admin) removes it.
import { route } from '@/server/http/route';
import { classParams } from '@/server/http/class-params';

export const dynamic = 'force-dynamic';

export const GET = route(classParams, async ({ params, caller, services }) => ({
  view: await services.classes.view(caller.requireUser(), params.id),
}));

export const DELETE = route(classParams, async ({ params, caller, services }) => {
  await services.classes.delete(caller.requireRole('instructor', 'admin'), params.id);
  return { deleted: true };
});
