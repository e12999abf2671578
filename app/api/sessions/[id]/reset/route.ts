// « Réinitialiser »: ends the session and starts a fresh one of the same lab (new sandboxes).
import { route } from '@/server/http/route';
import { sessionParams } from '@/server/http/params';

export const dynamic = 'force-dynamic';

export const POST = route(sessionParams, async ({ params, ownerId, services }) => ({
  session: await services.sessions.reset(ownerId, params.id),
}));
