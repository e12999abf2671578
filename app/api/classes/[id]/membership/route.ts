// A student leaves a class they joined.
import { route } from '@/server/http/route';
import { classParams } from '@/server/http/class-params';

export const dynamic = 'force-dynamic';

export const DELETE = route(classParams, async ({ params, caller, services }) => {
  await services.classes.leave(caller.requireUser(), params.id);
  return { left: true };
});
