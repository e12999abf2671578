// Admins list and register LMS platforms; the answer also gives Dockyard's own addresses to paste into the LMS.
import { route, jsonBody } from '@/server/http/route';
import { noParams } from '@/server/http/params';
import { platformInput } from '@/server/lti/lti-platforms';
import { toolOrigin, toolUrls } from '@/server/lti/tool-urls';

export const dynamic = 'force-dynamic';

export const GET = route(noParams, async ({ request, caller, services }) => {
  caller.requireRole('admin');
  const [platforms, key] = await Promise.all([services.lti.platforms.list(), services.lti.keys.info()]);
  return { platforms, tool: toolUrls(toolOrigin(request, services.site)), key };
});

export const POST = route(noParams, async ({ request, caller, services }) => {
  caller.requireRole('admin');
  return { platform: await services.lti.platforms.register(await jsonBody(request, platformInput)) };
});
