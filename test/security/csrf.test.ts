/**
 * Issue 9, point 7: a page on another site made a signed-in browser create a class (a form
 * posting `text/plain` whose body happens to be JSON). Every state-changing route now refuses
 * a cross-site request (403) and a body that is not JSON (415), in one place (route.ts), while
 * Dockyard's own pages, and programs that send neither Origin nor Sec-Fetch-Site, go on
 * working. better-auth's routes check the origin themselves: tested here too. Real route
 * handlers, real better-auth, real database (platform-fixture.ts); no Docker engine needed.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as createClassRoute } from '@/app/api/classes/route';
import { POST as renewCodeRoute } from '@/app/api/classes/[id]/code/route';
import { PATCH as updateUserRoute } from '@/app/api/admin/users/[id]/route';
import { handleAuthRequest } from '@/server/auth/auth-handler';
import { CLIENT_IP_HEADER } from '@/server/http/client-ip';
import type { SiteAddress } from '@/server/http/csrf';
import { ORIGIN, cookiesOf, openPlatform, randomIpv4, type Person, type Platform, type RouteHandler } from '../integration/platform-fixture';

const HOST = new URL(ORIGIN).host;
const EVIL = 'https://pirate.example';
/** What a `<form enctype="text/plain">` on another site sends: a body that parses as JSON. */
const FORGED_JSON = '{"name":"Classe pirate","x":"="}';

let platform: Platform;
let teacher: Person;
let admin: Person;

beforeAll(async () => {
  platform = await openPlatform();
  teacher = await platform.signUp({ role: 'instructor', name: 'M. Leroy' });
  admin = await platform.signUp({ role: 'admin', name: 'Mme Admin' });
});

afterAll(async () => {
  await platform?.close();
});

interface Send {
  method?: string;
  as?: Person;
  headers?: Record<string, string>;
  body?: string;
  params?: Record<string, string>;
}

/** A request exactly as given: Host as a browser on ORIGIN sends it, nothing else added. */
function send(handler: RouteHandler, path: string, { method = 'POST', as, headers = {}, body, params = {} }: Send = {}) {
  const all: Record<string, string> = { host: HOST, ...headers };
  if (as) all.cookie = as.cookie;
  return handler(new Request(`${ORIGIN}${path}`, { method, headers: all, body }), { params: Promise.resolve(params) });
}

const classCount = () => platform.db.prisma.classroom.count({ where: { instructorId: teacher.id } });

/** Runs with another idea of what « this server » is (DOCKYARD_PUBLIC_URL, DOCKYARD_TRUST_PROXY). */
async function withSite<T>(site: SiteAddress, run: () => Promise<T>): Promise<T> {
  const before = platform.services.site;
  platform.services.site = site;
  try {
    return await run();
  } finally {
    platform.services.site = before;
  }
}

async function expectEnvelope(response: Response, status: number, message: RegExp) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { message: string; detail?: string };
  expect(body.message).toMatch(message);
  return body;
}

const CROSS_SITE = /^Requête refusée : elle vient d’une page extérieure à Dockyard/;
const NOT_JSON = /^Requête refusée : son contenu doit être du JSON/;

describe('the attack of the review', () => {
  it('refuses a foreign form whose text/plain body is JSON, and creates nothing', async () => {
    const before = await classCount();
    const response = await send(createClassRoute, '/api/classes', {
      as: teacher,
      headers: { origin: EVIL, 'content-type': 'text/plain', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' },
      body: FORGED_JSON,
    });
    const body = await expectEnvelope(response, 403, CROSS_SITE);
    expect(body.detail).toContain('cross-site');
    expect(await classCount()).toBe(before);
  });

  it('refuses it too from a browser that sends only Origin (plain http on a LAN address)', async () => {
    const before = await classCount();
    const response = await send(createClassRoute, '/api/classes', {
      as: teacher,
      headers: { origin: EVIL, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=Classe+pirate',
    });
    const body = await expectEnvelope(response, 403, CROSS_SITE);
    expect(body.detail).toContain(`Origine reçue : ${EVIL}`);
    expect(await classCount()).toBe(before);
  });

  it('refuses a foreign post to a route without a body (a new join code)', async () => {
    const created = await send(createClassRoute, '/api/classes', {
      as: teacher,
      headers: { origin: ORIGIN, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'BTS SIO 1' }),
    });
    const { class: made } = (await created.json()) as { class: { id: string } };
    const code = async () => (await platform.db.prisma.classroom.findUniqueOrThrow({ where: { id: made.id } })).joinCode;
    const before = await code();
    const forged = await send(renewCodeRoute, `/api/classes/${made.id}/code`, {
      as: teacher,
      params: { id: made.id },
      headers: { origin: EVIL, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    await expectEnvelope(forged, 403, CROSS_SITE);
    expect(await code()).toBe(before);
    // Dockyard's own page: no body, no Content-Type.
    const own = await send(renewCodeRoute, `/api/classes/${made.id}/code`, {
      as: teacher,
      params: { id: made.id },
      headers: { origin: ORIGIN, 'sec-fetch-site': 'same-origin' },
    });
    expect(own.status).toBe(200);
    expect(await code()).not.toBe(before);
  });
});

describe('where a state-changing request comes from', () => {
  const create = (headers: Record<string, string>, as: Person | undefined = teacher) =>
    send(createClassRoute, '/api/classes', { as, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ name: 'Terminale NSI' }) });

  it('accepts Dockyard’s own pages, by Sec-Fetch-Site or by Origin', async () => {
    expect((await create({ origin: ORIGIN, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await create({ origin: ORIGIN })).status).toBe(200);
    expect((await create({ origin: ORIGIN.toUpperCase().replace('HTTP', 'http') })).status).toBe(200);
  });

  it('accepts programs that send neither Origin nor Sec-Fetch-Site (curl, scripts)', async () => {
    expect((await create({})).status).toBe(200);
  });

  it('refuses other sites, sibling hosts, other ports and opaque origins', async () => {
    const refused: Record<string, string>[] = [
      { origin: EVIL },
      { 'sec-fetch-site': 'cross-site' },
      // A sibling host name (a preview served from its own host name, say) is another origin.
      { 'sec-fetch-site': 'same-site', origin: 'http://apercu.127.0.0.1:3999' },
      // Sec-Fetch-Site is the browser's own word: an Origin that looks right does not outweigh it.
      { 'sec-fetch-site': 'cross-site', origin: ORIGIN },
      { origin: 'http://127.0.0.1:8080' },
      // A sandboxed page: every preview runs with an opaque origin (CSP sandbox).
      { origin: 'null' },
      { origin: 'pas une adresse' },
    ];
    const before = await classCount();
    for (const headers of refused) await expectEnvelope(await create(headers), 403, CROSS_SITE);
    expect(await classCount()).toBe(before);
  });

  it('takes DOCKYARD_PUBLIC_URL as this server’s origin, behind a proxy that rewrites Host', async () => {
    const site = { publicUrl: 'https://dockyard.example.org', trustProxy: false };
    await withSite(site, async () => {
      const proxied = { host: '127.0.0.1:3000' };
      expect((await create({ ...proxied, origin: 'https://dockyard.example.org' })).status).toBe(200);
      await expectEnvelope(await create({ ...proxied, origin: 'https://autre.example.org' }), 403, CROSS_SITE);
      await expectEnvelope(await create({ ...proxied, origin: 'http://dockyard.example.org:8443' }), 403, CROSS_SITE);
    });
  });

  it('believes X-Forwarded-Host only when DOCKYARD_TRUST_PROXY says a proxy sets it', async () => {
    const forwarded = { host: '127.0.0.1:3000', 'x-forwarded-host': 'dockyard.lycee.lan', origin: 'http://dockyard.lycee.lan' };
    await withSite({ trustProxy: true }, async () => expect((await create(forwarded)).status).toBe(200));
    await withSite({ trustProxy: false }, async () => expectEnvelope(await create(forwarded), 403, CROSS_SITE));
  });
});

describe('what a state-changing request carries', () => {
  const own = { origin: ORIGIN, 'sec-fetch-site': 'same-origin' };

  it('accepts JSON, with or without a charset', async () => {
    for (const type of ['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset=UTF-8']) {
      const response = await send(createClassRoute, '/api/classes', { as: teacher, headers: { ...own, 'content-type': type }, body: JSON.stringify({ name: 'Première' }) });
      expect(response.status, type).toBe(200);
    }
  });

  it('refuses forms and other bodies with a 415, even from Dockyard’s own origin', async () => {
    const bodies: [Record<string, string>, string][] = [
      [{ 'content-type': 'application/x-www-form-urlencoded' }, 'name=Formulaire'],
      [{ 'content-type': 'multipart/form-data; boundary=x' }, '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nFormulaire\r\n--x--\r\n'],
      [{ 'content-type': 'text/plain' }, '{"name":"Formulaire"}'],
      // A typeless body (a Blob from fetch): it would have been parsed as JSON.
      [{ 'content-length': '21' }, '{"name":"Formulaire"}'],
    ];
    const before = await classCount();
    for (const [headers, body] of bodies) {
      const refused = await expectEnvelope(
        await send(createClassRoute, '/api/classes', { as: teacher, headers: { ...own, ...headers }, body }),
        415,
        NOT_JSON,
      );
      expect(refused.detail).toMatch(/^Content-Type reçu : /);
    }
    // Programs too: the rule is about the body, not who sends it.
    await expectEnvelope(await send(createClassRoute, '/api/classes', { as: teacher, headers: { 'content-type': 'text/plain' }, body: '{"name":"Script"}' }), 415, NOT_JSON);
    expect(await classCount()).toBe(before);
  });

  it('leaves reads alone, whatever their origin', async () => {
    const { GET } = await import('@/app/api/classes/route');
    const response = await send(GET, '/api/classes', { method: 'GET', as: teacher, headers: { origin: EVIL, 'sec-fetch-site': 'cross-site' } });
    expect(response.status).toBe(200);
  });
});

describe('every route under app/api', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const routeFiles = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return routeFiles(path);
      return entry.name === 'route.ts' ? [path] : [];
    });
  // better-auth's catch-all is its own handler (tested below); every other route is built by route().
  // The LTI endpoints an LMS posts to from its own site, as forms, by the standard (OIDC login,
  // launch, deep linking): what they trust is the platform's signed id_token and a one-time
  // state, never a cookie (their refusals: test/integration/lti/launch.test.ts).
  // The content packs' webhook is called by a git server, never by a browser: it reads no
  // cookie and trusts only the shared secret (test/integration/content/git-pack.test.ts).
  const ltiFormPosts = ['login', 'launch', 'deep-linking'].map((name) => join('app/api/lti', name, 'route.ts'));
  const serverToServer = [...ltiFormPosts, join('app/api/content/packs/[id]/pull/route.ts')];
  const files = routeFiles(join(root, 'app/api')).filter(
    (file) => !file.includes(join('app/api/auth')) && !serverToServer.some((allowed) => file.endsWith(allowed)),
  );

  it('refuses a cross-site request and a form on each state-changing method', async () => {
    let checked = 0;
    for (const file of files) {
      const module = (await import(file)) as Record<string, RouteHandler | undefined>;
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
        const handler = module[method];
        if (!handler) continue;
        const where = `${method} ${relative(root, file)}`;
        const url = `/${relative(join(root, 'app'), file).replace(/\/route\.ts$/, '')}`;
        const params = { id: 'x', userId: 'x', slug: 'x', assignmentId: 'x', tokenId: 'x' };
        const foreign = await send(handler, url, { method, as: admin, params, headers: { origin: EVIL, 'content-type': 'application/json' }, body: '{}' });
        expect(foreign.status, where).toBe(403);
        const form = await send(handler, url, { method, as: admin, params, headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' });
        expect(form.status, where).toBe(415);
        checked += 1;
      }
    }
    // The list is found, not written: a new route is covered the day it is added.
    expect(checked).toBeGreaterThanOrEqual(20);
  });
});

describe('better-auth’s own routes (app/api/auth)', () => {
  /** A request to better-auth's handler as a page would send it. */
  const auth = (path: string, { headers = {}, body = '', cookie }: { headers?: Record<string, string>; body?: string; cookie?: string }) =>
    handleAuthRequest(
      platform.services.auth,
      new Request(`${ORIGIN}/api/auth${path}`, {
        method: 'POST',
        headers: { host: HOST, [CLIENT_IP_HEADER]: randomIpv4(), ...(cookie && { cookie }), ...headers },
        body,
      }),
    );
  const form = { origin: EVIL, 'content-type': 'application/x-www-form-urlencoded' };

  it('refuses a foreign sign-up and sign-in (no cookie yet: a login CSRF)', async () => {
    const email = `pirate-${Date.now()}@exemple.fr`;
    const signUp = await auth('/sign-up/email', { headers: form, body: new URLSearchParams({ email, password: 'mot-de-passe-pirate', name: 'Pirate' }).toString() });
    expect(signUp.status).toBe(403);
    expect(await platform.db.prisma.user.count({ where: { email } })).toBe(0);

    const signIn = await auth('/sign-in/email', {
      headers: { ...form, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' },
      body: new URLSearchParams({ email: teacher.email, password: 'mot-de-passe-solide' }).toString(),
    });
    expect(signIn.status).toBe(403);
    expect(cookiesOf(signIn)).toBe('');
    const json = await auth('/sign-in/email', {
      headers: { origin: EVIL, 'content-type': 'application/json' },
      body: JSON.stringify({ email: teacher.email, password: 'mot-de-passe-solide' }),
    });
    expect(json.status).toBe(403);
    // The envelope, in French.
    expect(((await json.json()) as { message: string }).message).not.toMatch(/^Invalid/);
  });

  it('refuses a foreign request that carries the session cookie (sign-out, profile, password)', async () => {
    const victim = await platform.signUp({ name: 'Camille Victime' });
    const attempts = [
      ['/sign-out', {}],
      ['/update-user', { name: 'Pirate' }],
      ['/change-password', { currentPassword: 'mot-de-passe-solide', newPassword: 'mot-de-passe-pirate' }],
    ] as const;
    for (const [path, fields] of attempts) {
      const asForm = new URLSearchParams(fields).toString();
      // A form: refused, by the origin check or (outside sign-in and sign-up) because better-auth reads JSON only.
      const formAnswer = await auth(path, { cookie: victim.cookie, headers: form, body: asForm });
      expect([403, 415], path).toContain(formAnswer.status);
      expect(((await formAnswer.json()) as { message: string }).message, path).toMatch(/^Requête refusée/);
      // JSON from another site: the origin check.
      const json = JSON.stringify(fields);
      expect((await auth(path, { cookie: victim.cookie, headers: { origin: EVIL, 'content-type': 'application/json' }, body: json })).status, path).toBe(403);
      // With the cookie but no Origin at all: refused as well (better-auth requires one then).
      expect((await auth(path, { cookie: victim.cookie, headers: { 'content-type': 'application/json' }, body: json })).status, path).toBe(403);
    }
    const still = await platform.services.callers.resolve(new Headers({ cookie: victim.cookie, host: HOST }));
    expect(still.user?.name).toBe('Camille Victime');
    const signIn = await platform.auth('/sign-in/email', { email: victim.email, password: 'mot-de-passe-solide' });
    expect(signIn.status).toBe(200);
  });

  it('still serves Dockyard’s own sign-in page', async () => {
    const response = await auth('/sign-in/email', {
      headers: { origin: ORIGIN, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
      body: JSON.stringify({ email: teacher.email, password: 'mot-de-passe-solide' }),
    });
    expect(response.status).toBe(200);
  });
});

describe('an admin route refuses a forged change of role', () => {
  it('keeps the student a student', async () => {
    const student = await platform.signUp({ name: 'Élève' });
    const response = await send(updateUserRoute, `/api/admin/users/${student.id}`, {
      method: 'PATCH',
      as: admin,
      params: { id: student.id },
      headers: { origin: EVIL, 'content-type': 'text/plain' },
      body: '{"role":"admin"}',
    });
    await expectEnvelope(response, 403, CROSS_SITE);
    expect((await platform.db.prisma.user.findUniqueOrThrow({ where: { id: student.id } })).role).toBe('student');
  });
});
