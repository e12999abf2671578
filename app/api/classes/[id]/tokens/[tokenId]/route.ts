// Revokes one grader API token of the class: calls made with it are refused from now on.
import { graderTokenParams } from '@/server/http/class-params';
import { route } from '@/server/http/route';

export const dynamic = 'force-dynamic';

export const DELETE = route(graderTokenParams, async ({ params, caller, services }) => {
  await services.graderTokens.revoke(caller.requireRole('instructor', 'admin'), params.id, params.tokenId);
  return { revoked: true };
});
