// The instructor's choice in the deep-linking picker: the signed response and where to post it.
import { jsonBody, route } from '@/server/http/route';
import { deepLinkChoiceBody, deepLinkParams } from '@/server/lti/lti-params';
import { toolOrigin, toolUrls } from '@/server/lti/tool-urls';

export const dynamic = 'force-dynamic';

export const POST = route(deepLinkParams, async ({ request, params, caller, services }) => {
  const instructor = caller.requireRole('instructor', 'admin');
  const choice = await jsonBody(request, deepLinkChoiceBody);
  return services.lti.deepLinking.choose(instructor, params.id, choice, toolUrls(toolOrigin(request, services.site)).launch);
});
