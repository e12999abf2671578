// Redeems a launch's one-time ticket: a better-auth session, then the activity. Inside the
// LMS's iframe (Sec-Fetch-Dest: iframe) the cookie is made for that context (lti-sign-in.ts).
import { browserRoute, redirect } from '@/server/lti/lti-browser-route';
import { ticketQuery } from '@/server/lti/lti-params';

export const dynamic = 'force-dynamic';

export const GET = browserRoute(ticketQuery, async ({ request, fields, services }) => {
  const framed = request.headers.get('sec-fetch-dest') === 'iframe';
  const { target, setCookies } = await services.lti.signIn.redeem(fields.ticket, framed);
  return redirect(target, 303, setCookies);
});
