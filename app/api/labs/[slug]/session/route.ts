// The caller's session of one lab: GET finds it (a reload reattaches), POST starts it.
import { route } from '@/server/http/route';
import { labParams } from '@/server/http/params';

export const dynamic = 'force-dynamic';

export const GET = route(labParams, async ({ params, ownerId, services }) => ({
  session: await services.sessions.findRunning(ownerId, params.slug),
}));

export const POST = route(labParams, async ({ params, ownerId, services }) => ({
  session: await services.sessions.start(ownerId, params.slug),
}));
