/**
 * Wraps a route handler: refuses state-changing requests from other sites and bodies that are
 * not JSON (csrf.ts: here, so that no route can forget it), finds out who is calling
 * (signed-in user and/or browser, see auth/caller.ts), validates params, and turns any error
 * into the one error envelope with its status. Handlers then ask the Caller for what they
 * need (a lab owner, a role).
 */
import type { z } from 'zod';
import type { Caller } from '../auth/caller';
import { toEnvelope } from '../errors';
import { getServices, type Services } from '../services';
import { guardStateChange } from './csrf';
import { routePattern } from './route-pattern';

export interface RouteInput<Params> {
  request: Request;
  params: Params;
  caller: Caller;
  services: Services;
}

export function route<Schema extends z.ZodType>(
  paramsSchema: Schema,
  handler: (input: RouteInput<z.infer<Schema>>) => Promise<unknown>,
) {
  const answer = async (request: Request, context: { params: Promise<unknown> }): Promise<Response> => {
    try {
      const services = getServices();
      guardStateChange(request, services.site);
      // Routes without dynamic segments get no params object at all.
      const params = paramsSchema.parse((await context.params) ?? {});
      const caller = await services.callers.resolve(request.headers);
      const result = await handler({ request, params, caller, services });
      // A handler answers a file (a CSV export) with its own Response; anything else is JSON.
      return result instanceof Response ? result : Response.json(result);
    } catch (error) {
      const { status, body } = toEnvelope(error);
      // Unexpected errors in full for the operator; expected refusals (no room…) in one line.
      if (status === 500) console.error('[dockyard] route', request.url, error);
      else if (status > 500) console.warn(`[dockyard] ${request.method} ${new URL(request.url).pathname} : ${body.message}`);
      return Response.json(body, { status });
    }
  };
  return async (request: Request, context: { params: Promise<unknown> }): Promise<Response> => {
    const began = performance.now();
    const response = await answer(request, context);
    await countRequest(request, context, response.status, began);
    return response;
  };
}

/** Every answer counted by route pattern, method and status (server/metrics). */
async function countRequest(request: Request, context: { params: Promise<unknown> }, status: number, began: number): Promise<void> {
  try {
    const metrics = getServices().metrics;
    if (!metrics) return;
    const pattern = routePattern(new URL(request.url).pathname, await context.params);
    metrics.httpRequest(pattern, request.method, status, (performance.now() - began) / 1000);
  } catch {
    // Services not started: the request was answered 500 already, and there is nothing to count with.
  }
}

/** Reads and validates a JSON body; a malformed body is a 400 with a clear message. */
export async function jsonBody<Schema extends z.ZodType>(request: Request, schema: Schema): Promise<z.infer<Schema>> {
  const raw: unknown = await request.json().catch(() => undefined);
  return schema.parse(raw);
}
