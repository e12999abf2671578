// The hints and solutions the student has revealed in this session, for every step.
import { route } from '@/server/http/route';
import { sessionParams } from '@/server/http/params';

export const dynamic = 'force-dynamic';

export const GET = route(sessionParams, async ({ params, caller, services }) => ({
  steps: await services.help.list(caller.labOwner().id, params.id),
}));
