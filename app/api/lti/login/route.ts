// OIDC third-party login initiation (GET or POST from the platform): Dockyard answers with the
// platform's authorisation address, carrying a fresh state and nonce kept on the server.
import { redirect, browserRoute } from '@/server/lti/lti-browser-route';
import { loginInput } from '@/server/lti/lti-login';
import { STATE_COOKIE } from '@/server/lti/lti-params';
import { toolOrigin } from '@/server/lti/tool-urls';

export const dynamic = 'force-dynamic';

const handler = browserRoute(loginInput, async ({ request, fields, services }) => {
  const origin = toolOrigin(request, services.site);
  const { location, state } = await services.lti.login(fields, origin);
  // Only over HTTPS: a SameSite=None cookie must be Secure, and without it the form post
  // from the platform would not bring it back anyway. The server-side state stands alone then.
  const cookies = origin.startsWith('https:') ? [`${STATE_COOKIE}=${state}; Path=/api/lti; Max-Age=600; HttpOnly; Secure; SameSite=None; Partitioned`] : [];
  return redirect(location, 302, cookies);
});

export const GET = handler;
export const POST = handler;
