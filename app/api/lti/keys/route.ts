// Admins replace Dockyard's LTI signing key (the previous one stays published one more round).
import { route } from '@/server/http/route';
import { noParams } from '@/server/http/params';

export const dynamic = 'force-dynamic';

export const POST = route(noParams, async ({ caller, services }) => {
  caller.requireRole('admin');
  return { key: await services.lti.keys.rotate() };
});
