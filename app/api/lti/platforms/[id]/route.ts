// Admins remove a platform: its launches stop; its users and classes stay.
import { route } from '@/server/http/route';
import { platformParams } from '@/server/lti/lti-params';

export const dynamic = 'force-dynamic';

export const DELETE = route(platformParams, async ({ params, caller, services }) => {
  caller.requireRole('admin');
  await services.lti.platforms.remove(params.id);
  return { removed: true };
});
