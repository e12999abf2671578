// « Mettre en pause »: the lab's machines stop and keep everything (files, images, containers).
import { route } from '@/server/http/route';
import { sessionParams } from '@/server/http/params';

export const dynamic = 'force-dynamic';

export const POST = route(sessionParams, async ({ params, caller, services }) => ({
  session: await services.sessions.pause(caller.labOwner().id, params.id),
}));
