/**
 * The grader API's routes: a Bearer token instead of a signed-in browser, counted against
 * the token's rate limit, and granting one class. Same params validation and error envelope
 * as every route (route.ts).
 */
import type { z } from 'zod';
import { NotFoundError } from '../errors';
import type { GraderGrant } from '../grader/grader-tokens';
import type { Services } from '../services';
import { route } from './route';

export interface GraderRouteInput<Params> {
  /** For a route's query string (queryOf). */
  request: Request;
  params: Params;
  grant: GraderGrant;
  services: Services;
}

export function graderRoute<Schema extends z.ZodType>(paramsSchema: Schema, handler: (input: GraderRouteInput<z.infer<Schema>>) => Promise<unknown>) {
  return route(paramsSchema, async ({ request, params, services }) => {
    const grant = await services.graderTokens.authenticate(request.headers.get('authorization'));
    await services.limits.graderApi.take(grant.tokenId);
    return handler({ request, params, grant, services });
  });
}

/** The class in the path must be the token's: any other is answered as not found, whether it exists or not. */
export function grantedClass(grant: GraderGrant, classId: string): string {
  if (grant.classroomId !== classId) throw new NotFoundError("Ce jeton ne donne pas accès à cette classe : utilisez l'identifiant donné par GET /api/grader/v1/classes.");
  return classId;
}
