/**
 * A learning platform for tests, over real HTTP: its own RSA key and JWKS, an OIDC
 * authorisation endpoint that answers with a signed id_token in an auto-submitting form (as
 * Moodle and Canvas do), a token endpoint that checks Dockyard's client assertion against
 * Dockyard's JWKS, AGS line items that record the scores posted to them, an NRPS membership
 * list, and a deep-linking return that verifies Dockyard's signed response. Tests prepare a
 * launch (who, with which role, into which link), then drive the browser or the routes.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalJWKSet, createRemoteJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JSONWebKeySet, type JWK } from 'jose';

export interface SimulatedLaunch {
  sub: string;
  name: string;
  email?: string;
  roles: string[];
  messageType?: 'LtiResourceLinkRequest' | 'LtiDeepLinkingRequest';
  /** Custom parameters of the link (Dockyard's own: { dockyard: 'lab/premiers-pas' }). */
  custom?: Record<string, string>;
  /** A line item of this platform the link grades into (AGS). */
  lineItem?: string;
  /** No line item, but the container and the scope to make one (a link made by hand). */
  lineItemContainer?: boolean;
  /** The link's id in the course (the same link launched twice keeps it). */
  resourceLinkId?: string;
  context?: { id: string; title: string };
  /** Changes to the signed claims, for the negative tests (wrong aud, expired…). */
  tamper?: Record<string, unknown>;
  /** Sign with a key that is not in the JWKS. */
  foreignKey?: boolean;
}

export interface ReceivedScore {
  lineItem: string;
  userId: string;
  scoreGiven: number;
  scoreMaximum: number;
  activityProgress: string;
  gradingProgress: string;
  comment: string;
  timestamp: string;
}

export interface SimulatorOptions {
  /** Dockyard's JWKS: its address, or a function returning it (route handlers called in-process). */
  toolJwks: string | (() => Promise<JSONWebKeySet>);
  clientId?: string;
  deploymentId?: string;
}

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
export const ROLE = {
  learner: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner',
  instructor: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor',
} as const;

export class PlatformSimulator {
  readonly clientId: string;
  readonly deploymentId: string;
  readonly scores: ReceivedScore[] = [];
  readonly deepLinkResponses: Array<Record<string, unknown>> = [];
  /** Line items a tool created (AGS), with what it said of them. */
  readonly lineItems: Array<{ id: string; scoreMaximum: number; label: string; resourceId?: string; resourceLinkId?: string }> = [];
  /** Who the course lists (NRPS). */
  members: Array<{ user_id: string; name: string; roles: string[]; status?: string; email?: string }> = [];
  /** Answer score posts with this status instead of accepting them (a platform down). */
  failScoresWith: number | null = null;
  private readonly launches = new Map<string, SimulatedLaunch>();
  private readonly tokens = new Map<string, string[]>();
  private origin = '';
  private key!: { privateKey: CryptoKey; publicJwk: JWK };
  private foreign!: CryptoKey;

  private constructor(
    private readonly server: Server,
    private readonly options: SimulatorOptions,
  ) {
    this.clientId = options.clientId ?? `client-${randomUUID().slice(0, 8)}`;
    this.deploymentId = options.deploymentId ?? 'deploiement-1';
  }

  static async start(options: SimulatorOptions): Promise<PlatformSimulator> {
    const server = createServer();
    const simulator = new PlatformSimulator(server, options);
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    simulator.key = { privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid: 'simulateur-1', alg: 'RS256', use: 'sig' } };
    simulator.foreign = (await generateKeyPair('RS256')).privateKey;
    server.on('request', (req, res) => void simulator.handle(req, res).catch((error: unknown) => send(res, 500, String(error))));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    simulator.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return simulator;
  }

  get issuer(): string {
    return this.origin;
  }

  /** What an admin types into Dockyard's registration form. */
  get registration() {
    return {
      name: 'Moodle simulé',
      issuer: this.issuer,
      clientId: this.clientId,
      deploymentIds: [this.deploymentId],
      authUrl: `${this.origin}/auth`,
      tokenUrl: `${this.origin}/token`,
      jwksUrl: `${this.origin}/jwks`,
    };
  }

  lineItemUrl(name: string): string {
    return `${this.origin}/lineitems/${name}`;
  }

  get membershipsUrl(): string {
    return `${this.origin}/memberships`;
  }

  /** A launch to come: its hint goes in the login initiation (lti_message_hint). */
  prepare(launch: SimulatedLaunch): string {
    const hint = randomUUID();
    this.launches.set(hint, launch);
    return hint;
  }

  /** The login-initiation query a platform sends the browser to Dockyard with. */
  loginQuery(hint: string, targetLinkUri: string): URLSearchParams {
    const launch = this.launches.get(hint);
    return new URLSearchParams({
      iss: this.issuer,
      login_hint: launch?.sub ?? 'inconnu',
      target_link_uri: targetLinkUri,
      lti_message_hint: hint,
      client_id: this.clientId,
      lti_deployment_id: this.deploymentId,
    });
  }

  /** A page that starts a launch in the browser, as a course page's link does. */
  launchPageUrl(hint: string, toolLoginUrl: string, targetLinkUri: string): string {
    return `${this.origin}/start?${new URLSearchParams({ hint, login: toolLoginUrl, target: targetLinkUri })}`;
  }

  /** The same, with the tool inside the course page's iframe (as Moodle's « embed » shows it). */
  framedLaunchPageUrl(hint: string, toolLoginUrl: string, targetLinkUri: string): string {
    return `${this.origin}/cours?${new URLSearchParams({ hint, login: toolLoginUrl, target: targetLinkUri })}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const body = req.method === 'POST' ? await readBody(req) : '';
    if (url.pathname === '/jwks') return sendJson(res, 200, { keys: [this.key.publicJwk] });
    if (url.pathname === '/start') return this.start(url, res);
    if (url.pathname === '/cours') {
      const frame = `/start?${url.searchParams}`;
      return send(res, 200, `<!doctype html><meta charset="utf-8"><h1>Cours simulé</h1><iframe title="Dockyard" src="${escape(frame)}" width="900" height="600"></iframe>`, 'text/html; charset=utf-8');
    }
    if (url.pathname === '/auth') return this.authorize(new URLSearchParams(req.method === 'POST' ? body : url.search), res);
    if (url.pathname === '/token') return this.token(new URLSearchParams(body), res);
    if (url.pathname === '/deep-link-return') return this.deepLinkReturn(new URLSearchParams(body), res);
    const scopes = this.tokens.get(req.headers.authorization?.replace(/^Bearer /, '') ?? '');
    if (!scopes) return send(res, 401, 'jeton absent ou inconnu');
    const scoreMatch = /^\/lineitems\/([^/]+)\/scores$/.exec(url.pathname);
    if (scoreMatch && req.method === 'POST') {
      if (!scopes.includes('https://purl.imsglobal.org/spec/lti-ags/scope/score')) return send(res, 403, 'portée score absente');
      if (req.headers['content-type'] !== 'application/vnd.ims.lis.v1.score+json') return send(res, 415, 'type de contenu AGS attendu');
      if (this.failScoresWith) return send(res, this.failScoresWith, 'indisponible');
      this.scores.push({ lineItem: this.lineItemUrl(scoreMatch[1] ?? ''), ...(JSON.parse(body) as Omit<ReceivedScore, 'lineItem'>) });
      return send(res, 200, '');
    }
    if (url.pathname === '/lineitems') {
      if (!scopes.includes('https://purl.imsglobal.org/spec/lti-ags/scope/lineitem')) return send(res, 403, 'portée lineitem absente');
      if (req.method === 'POST') {
        const created = { ...(JSON.parse(body) as Omit<PlatformSimulator['lineItems'][number], 'id'>), id: this.lineItemUrl(randomUUID()) };
        this.lineItems.push(created);
        return sendJson(res, 201, created);
      }
      const wanted = (name: 'resourceLinkId' | 'resourceId', parameter: string) => (item: PlatformSimulator['lineItems'][number]) =>
        !url.searchParams.has(parameter) || item[name] === url.searchParams.get(parameter);
      return sendJson(res, 200, this.lineItems.filter(wanted('resourceLinkId', 'resource_link_id')).filter(wanted('resourceId', 'resource_id')));
    }
    if (url.pathname === '/memberships') {
      if (!scopes.includes('https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly')) return send(res, 403, 'portée NRPS absente');
      return sendJson(res, 200, { id: url.href, context: { id: 'cours-1' }, members: this.members });
    }
    return send(res, 404, 'inconnu');
  }

  private start(url: URL, res: ServerResponse): void {
    const hint = url.searchParams.get('hint') ?? '';
    const query = this.loginQuery(hint, url.searchParams.get('target') ?? '');
    autoSubmit(res, url.searchParams.get('login') ?? '', Object.fromEntries(query));
  }

  /** The OIDC authorisation endpoint: checks Dockyard's request, answers with the id_token. */
  private async authorize(query: URLSearchParams, res: ServerResponse): Promise<void> {
    const launch = this.launches.get(query.get('lti_message_hint') ?? '');
    if (!launch) return send(res, 400, 'lti_message_hint inconnu');
    for (const [name, expected] of Object.entries({ scope: 'openid', response_type: 'id_token', response_mode: 'form_post', prompt: 'none', client_id: this.clientId, login_hint: launch.sub })) {
      if (query.get(name) !== expected) return send(res, 400, `${name} attendu : ${expected}`);
    }
    const redirectUri = query.get('redirect_uri');
    const nonce = query.get('nonce');
    const state = query.get('state');
    if (!redirectUri || !nonce || !state) return send(res, 400, 'redirect_uri, nonce et state sont requis');
    const idToken = await this.idToken(launch, nonce, redirectUri);
    autoSubmit(res, redirectUri, { id_token: idToken, state });
  }

  private async idToken(launch: SimulatedLaunch, nonce: string, redirectUri: string): Promise<string> {
    const deepLinking = launch.messageType === 'LtiDeepLinkingRequest';
    const claims: Record<string, unknown> = {
      nonce,
      name: launch.name,
      ...(launch.email && { email: launch.email }),
      [`${LTI}message_type`]: launch.messageType ?? 'LtiResourceLinkRequest',
      [`${LTI}version`]: '1.3.0',
      [`${LTI}deployment_id`]: this.deploymentId,
      [`${LTI}target_link_uri`]: redirectUri,
      [`${LTI}roles`]: launch.roles,
      ...(launch.context && { [`${LTI}context`]: launch.context }),
      ...(launch.custom && { [`${LTI}custom`]: launch.custom }),
      'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice': { context_memberships_url: this.membershipsUrl, service_versions: ['2.0'] },
      ...(deepLinking
        ? {
            'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings': {
              deep_link_return_url: `${this.origin}/deep-link-return`,
              accept_types: ['ltiResourceLink'],
              data: 'donnees-opaques',
            },
          }
        : { [`${LTI}resource_link`]: { id: launch.resourceLinkId ?? 'lien-1', title: 'Activité Dockyard' } }),
      ...((launch.lineItem || launch.lineItemContainer) && {
        'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint': {
          scope: ['https://purl.imsglobal.org/spec/lti-ags/scope/lineitem', 'https://purl.imsglobal.org/spec/lti-ags/scope/score'],
          lineitems: `${this.origin}/lineitems`,
          ...(launch.lineItem && { lineitem: launch.lineItem }),
        },
      }),
    };
    const now = Math.floor(Date.now() / 1000);
    // Registered claims in the payload itself, so that a tampered one (wrong aud, expired…) stays as tampered.
    const payload = { ...claims, iss: this.issuer, sub: launch.sub, aud: this.clientId, iat: now, exp: now + 300, ...launch.tamper };
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', kid: this.key.publicJwk.kid, typ: 'JWT' })
      .sign(launch.foreignKey ? this.foreign : this.key.privateKey);
  }

  /** client_credentials with a private_key_jwt assertion, verified against Dockyard's JWKS. */
  private async token(form: URLSearchParams, res: ServerResponse): Promise<void> {
    if (form.get('grant_type') !== 'client_credentials') return sendJson(res, 400, { error: 'unsupported_grant_type' });
    if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') return sendJson(res, 400, { error: 'invalid_client' });
    try {
      const { payload } = await jwtVerify(form.get('client_assertion') ?? '', await this.toolKeys(), { issuer: this.clientId, subject: this.clientId, audience: `${this.origin}/token` });
      if (!payload.jti) throw new Error('jti manquant');
    } catch (error) {
      return sendJson(res, 401, { error: 'invalid_client', error_description: (error as Error).message });
    }
    const token = randomUUID();
    this.tokens.set(token, (form.get('scope') ?? '').split(' '));
    sendJson(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 3600, scope: form.get('scope') });
  }

  private async deepLinkReturn(form: URLSearchParams, res: ServerResponse): Promise<void> {
    try {
      const { payload } = await jwtVerify(form.get('JWT') ?? '', await this.toolKeys(), { issuer: this.clientId, audience: this.issuer });
      this.deepLinkResponses.push(payload);
      const items = (payload['https://purl.imsglobal.org/spec/lti-dl/claim/content_items'] ?? []) as Array<{ title?: string }>;
      send(res, 200, `<!doctype html><meta charset="utf-8"><h1>Activité ajoutée : ${items.map((item) => item.title).join(', ')}</h1>`, 'text/html; charset=utf-8');
    } catch (error) {
      send(res, 400, `réponse de deep linking refusée : ${(error as Error).message}`);
    }
  }

  private async toolKeys() {
    const source = this.options.toolJwks;
    return typeof source === 'string' ? createRemoteJWKSet(new URL(source)) : createLocalJWKSet(await source());
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, text: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type });
  res.end(text);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, JSON.stringify(body), 'application/json');
}

/** The form a platform's page posts by itself (the browser follows it; tests read its fields). */
function autoSubmit(res: ServerResponse, action: string, fields: Record<string, string>): void {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`)
    .join('');
  send(
    res,
    200,
    `<!doctype html><meta charset="utf-8"><form id="f" method="post" action="${escape(action)}">${inputs}</form><script>document.getElementById('f').submit()</script>`,
    'text/html; charset=utf-8',
  );
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The fields of an auto-submitting form (what the browser would post). */
export function formFields(html: string): { action: string; fields: Record<string, string> } {
  const unescape = (text: string) => text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
  const action = unescape(/action="([^"]*)"/.exec(html)?.[1] ?? '');
  const fields = Object.fromEntries([...html.matchAll(/name="([^"]*)" value="([^"]*)"/g)].map((match) => [unescape(match[1] ?? ''), unescape(match[2] ?? '')]));
  return { action, fields };
}
