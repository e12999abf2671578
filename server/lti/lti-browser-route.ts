/**
 * The routes a platform sends the browser to (login initiation, launch) and the ticket's
 * redemption. They are not built with http/route.ts: a platform's form post comes from another
 * site and is a form, the two things route.ts refuses everywhere else (http/csrf.ts). What
 * stands in for those checks here is the launch's own: a state issued by Dockyard, used once,
 * and an id_token signed by a registered platform. Errors keep the one envelope's message and
 * status, as an HTML page: a person is looking at it, inside their LMS.
 */
import type { z } from 'zod';
import { toEnvelope } from '../errors';
import { getServices, type Services } from '../services';

export interface BrowserRouteInput<Fields> {
  request: Request;
  fields: Fields;
  services: Services;
}

/** Parameters from the query (GET) or a form body (POST), validated with the schema. */
export function browserRoute<Schema extends z.ZodType>(schema: Schema, handler: (input: BrowserRouteInput<z.infer<Schema>>) => Promise<Response>) {
  return async (request: Request): Promise<Response> => {
    try {
      const services = getServices();
      const fields = schema.parse(await fieldsOf(request));
      return await handler({ request, fields, services });
    } catch (error) {
      const { status, body } = toEnvelope(error);
      if (status === 500) console.error('[dockyard] LTI', request.url, error);
      else console.warn(`[dockyard] LTI ${request.method} ${new URL(request.url).pathname} : ${body.message}${body.detail ? ` (${body.detail})` : ''}`);
      return new Response(errorPage(body.message, body.detail, body.validations), { status, headers: { 'content-type': 'text/html; charset=utf-8' } });
    }
  };
}

async function fieldsOf(request: Request): Promise<Record<string, string>> {
  const fields: Record<string, string> = Object.fromEntries(new URL(request.url).searchParams);
  if (request.method === 'POST') {
    const form = await request.formData().catch(() => null);
    for (const [name, value] of form?.entries() ?? []) if (typeof value === 'string') fields[name] = value;
  }
  return fields;
}

/** Every caller of a redirect here wants a plain 302/303 with no body. */
export function redirect(location: string, status: 302 | 303 = 303, setCookies: string[] = []): Response {
  const headers = new Headers({ location, 'cache-control': 'no-store' });
  for (const cookie of setCookies) headers.append('set-cookie', cookie);
  return new Response(null, { status, headers });
}

function errorPage(message: string, detail: string | undefined, validations: Array<{ path: string; message: string }> | undefined): string {
  const details = [detail, ...(validations ?? []).map((issue) => `${issue.path} : ${issue.message}`)].filter(Boolean) as string[];
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Dockyard — lancement impossible</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1b2430}small{color:#55606e}</style></head>
<body><h1>Lancement impossible</h1><p role="alert">${escapeHtml(message)}</p>
${details.map((line) => `<p><small>${escapeHtml(line)}</small></p>`).join('\n')}</body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
