// « Lancer maintenant » (admins): a pass of the lab tests starts now and goes on in the background.
import { noParams } from '@/server/http/params';
import { jsonBody, route } from '@/server/http/route';
import { runNowBody } from '@/server/lab-health/lab-health-http';

export const dynamic = 'force-dynamic';

export const POST = route(noParams, async ({ request, caller, services }) => {
  const admin = caller.requireRole('admin');
  const { pack } = await jsonBody(request, runNowBody);
  return Response.json({ run: await services.labHealth.runNow(admin, pack) }, { status: 202 });
});
