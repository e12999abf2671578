/**
 * Wraps a route handler: identifies the owner from the signed cookie, validates params, and
 * turns any error into the one error envelope with its status.
 */
import type { z } from 'zod';
import { toEnvelope, UnauthorizedError } from '../errors';
import { getServices, type Services } from '../services';

export interface RouteInput<Params> {
  request: Request;
  params: Params;
  ownerId: string;
  services: Services;
}

export function route<Schema extends z.ZodType>(
  paramsSchema: Schema,
  handler: (input: RouteInput<z.infer<Schema>>) => Promise<unknown>,
) {
  return async (request: Request, context: { params: Promise<unknown> }): Promise<Response> => {
    try {
      const services = getServices();
      const ownerId = services.owners.fromCookieHeader(request.headers.get('cookie') ?? undefined);
      if (!ownerId) throw new UnauthorizedError();
      const params = paramsSchema.parse(await context.params);
      return Response.json(await handler({ request, params, ownerId, services }));
    } catch (error) {
      const { status, body } = toEnvelope(error);
      // Unexpected errors in full for the operator; expected refusals (no room…) in one line.
      if (status === 500) console.error('[dockyard] route', request.url, error);
      else if (status > 500) console.warn(`[dockyard] ${request.method} ${new URL(request.url).pathname} : ${body.message}`);
      return Response.json(body, { status });
    }
  };
}

/** Reads and validates a JSON body; a malformed body is a 400 with a clear message. */
export async function jsonBody<Schema extends z.ZodType>(request: Request, schema: Schema): Promise<z.infer<Schema>> {
  const raw: unknown = await request.json().catch(() => undefined);
  return schema.parse(raw);
}
