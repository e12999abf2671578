// « Prolonger »: pushes the session's expiry back, up to its maximum lifetime (409 beyond).
import { route } from '@/server/http/route';
import { sessionParams } from '@/server/http/params';

export const dynamic = 'force-dynamic';

export const POST = route(sessionParams, async ({ params, caller, services }) => ({
  session: await services.sessions.extend(caller.labOwner().id, params.id),
}));
