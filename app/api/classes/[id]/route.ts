// One class: GET as its instructor, an admin or a member sees it; PATCH (instructor, admin) renames
// it or hands it over to another instructor; DELETE (instructor, admin) removes it.
import { jsonBody, route } from '@/server/http/route';
import { classParams, updateClassBody } from '@/server/http/class-params';

export const dynamic = 'force-dynamic';

export const GET = route(classParams, async ({ params, caller, services }) => ({
  view: await services.classes.view(caller.requireUser(), params.id),
}));

export const PATCH = route(classParams, async ({ request, params, caller, services }) => {
  const actor = caller.requireRole('instructor', 'admin');
  const change = await jsonBody(request, updateClassBody);
  if ('name' in change) return { class: await services.classes.rename(actor, params.id, change.name) };
  return services.classes.transfer(actor, params.id, change.instructorId);
});

export const DELETE = route(classParams, async ({ params, caller, services }) => {
  await services.classes.delete(caller.requireRole('instructor', 'admin'), params.id);
  return { deleted: true };
});
