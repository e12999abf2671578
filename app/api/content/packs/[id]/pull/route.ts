// A git server's push webhook (GitLab, GitHub, Gitea, or curl from CI): the pack is fetched,
// checked and switched in if valid. Server to server: no cookie is read, and no route() —
// the shared secret (DOCKYARD_CONTENT_WEBHOOK_SECRET) over the raw body is the only proof.
import { AppError, toEnvelope } from '@/server/errors';
import { packParams } from '@/server/http/admin-params';
import { getServices } from '@/server/services';

export const dynamic = 'force-dynamic';

class WebhookRefusedError extends AppError {
  constructor() {
    super(
      'Webhook refusé : secret absent ou faux.',
      401,
      'Donnez DOCKYARD_CONTENT_WEBHOOK_SECRET comme jeton (Authorization: Bearer, X-Gitlab-Token) ou comme secret de signature (X-Hub-Signature-256).',
    );
  }
}

const MAX_BODY = 1 << 20;

export async function POST(request: Request, context: { params: Promise<unknown> }): Promise<Response> {
  try {
    const { packs } = getServices();
    const { id } = packParams.parse(await context.params);
    const body = (await request.text()).slice(0, MAX_BODY);
    if (!packs.verifyWebhook(request.headers, body)) throw new WebhookRefusedError();
    const pack = await packs.pull(id);
    return Response.json({ pack: { id: pack.id, state: pack.state, version: pack.version, refusedVersion: pack.refusedVersion, message: pack.message } });
  } catch (error) {
    const { status, body } = toEnvelope(error);
    return Response.json(body, { status });
  }
}
