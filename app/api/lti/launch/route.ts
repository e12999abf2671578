// The platform's form post with the id_token (resource links and deep-linking requests alike):
// verified, its person signed in through a one-time ticket on the launch page.
import { browserRoute, redirect } from '@/server/lti/lti-browser-route';
import { launchForm, STATE_COOKIE } from '@/server/lti/lti-params';
import { toolOrigin } from '@/server/lti/tool-urls';

export const dynamic = 'force-dynamic';

export const POST = browserRoute(launchForm, async ({ request, fields, services }) => {
  const stateCookie = request.headers.get('cookie')?.match(new RegExp(`(?:^|;\\s*)${STATE_COOKIE}=([^;]+)`))?.[1];
  const { ticket } = await services.lti.launch({ idToken: fields.id_token, state: fields.state, stateCookie }, toolOrigin(request, services.site));
  return redirect(`/lti/lancement?ticket=${encodeURIComponent(ticket)}`);
});
