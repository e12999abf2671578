// « Santé des labs » as data: every pack's labs for an admin, their packs' for a maintainer, 403 for anyone else.
import { ForbiddenError } from '@/server/errors';
import { noParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { LAB_HEALTH_NOT_ALLOWED } from '@/server/lab-health/lab-health-scope';

export const dynamic = 'force-dynamic';

export const GET = route(noParams, async ({ caller, services }) => {
  const health = await services.labHealth.view(caller.requireUser());
  if (!health) throw new ForbiddenError(LAB_HEALTH_NOT_ALLOWED);
  return { health };
});
