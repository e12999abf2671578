// « Terminer le lab »: ends the session and destroys its sandboxes.
import { route } from '@/server/http/route';
import { sessionParams } from '@/server/http/params';

export const dynamic = 'force-dynamic';

export const DELETE = route(sessionParams, async ({ params, caller, services }) => ({
  session: await services.sessions.end(caller.labOwner().id, params.id),
}));
