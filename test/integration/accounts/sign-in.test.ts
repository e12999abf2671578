/**
 * Sign-up and sign-in through better-auth's real handler on the migrated database: the
 * tables it expects, the roles it gives, its refusals in French, its rate limits and ours,
 * disabled accounts, and the first admin. Needs no Docker engine.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaCheckFor } from '@better-auth/core/db/internal';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { ensureAdmin } from '@/server/accounts/ensure-admin';
import { cookiesOf, openPlatform, randomIpv4, type Platform } from '../platform-fixture';

let platform: Platform;

beforeAll(async () => {
  platform = await openPlatform({ auth: { requestsPerMinute: 5, attemptsPerAccount: { max: 4, windowMs: 60_000 } } });
});

afterAll(async () => {
  await platform?.close();
});

/** A fresh address per test, so the per-address limit only counts that test's requests. */
const someIp = randomIpv4;
const who = async (cookie: string) => (await platform.services.callers.resolve(new Headers({ cookie, host: '127.0.0.1:3999' }))).user;

describe('the tables better-auth writes', () => {
  it('match what better-auth expects, by its own schema check', async () => {
    const context = await platform.services.auth.$context;
    const check = schemaCheckFor(context.adapter);
    expect(check).toBeDefined();
    await expect(Promise.resolve(check?.())).resolves.toBeUndefined();
  });

  it('would be reported incomplete if one were missing (the check is not vacuous)', async () => {
    // Database-stored rate limits need a rateLimit table, which Dockyard does not have.
    const adapter = prismaAdapter(platform.db.prisma, { provider: 'postgresql' })({ rateLimit: { storage: 'database' } });
    await expect(Promise.resolve(schemaCheckFor(adapter)?.())).rejects.toThrow(/rateLimit/);
  });
});

describe('sign-up', () => {
  it('creates a student with a hashed password and signs them in', async () => {
    const email = `Nouvelle-${randomUUID()}@Exemple.fr`;
    const response = await platform.auth('/sign-up/email', { email, password: 'un-mot-de-passe', name: '  Inès Durand ' }, { ip: someIp() });
    expect(response.status).toBe(200);
    const cookie = cookiesOf(response);
    expect(cookie).toMatch(/^dockyard\.session_token=/);
    expect(await who(cookie)).toMatchObject({ email: email.toLowerCase(), role: 'student' });

    const account = await platform.db.prisma.account.findFirstOrThrow({ where: { user: { email: email.toLowerCase() } } });
    expect(account.providerId).toBe('credential');
    expect(account.password).toBeTruthy();
    expect(account.password).not.toContain('un-mot-de-passe');
  });

  it('never lets the visitor choose their role', async () => {
    const email = `ambitieux-${randomUUID()}@exemple.fr`;
    const response = await platform.auth('/sign-up/email', { email, password: 'un-mot-de-passe', name: 'Max', role: 'admin' }, { ip: someIp() });
    expect(response.status).toBe(400);
    expect((await response.json()).message).toBe('Ce champ ne peut pas être choisi à l’inscription.');
    expect(await platform.db.prisma.user.findUnique({ where: { email } })).toBeNull();

    // Nor later, through better-auth's own profile update.
    const student = await platform.signUp();
    const update = await platform.auth('/update-user', { role: 'admin' }, { cookie: student.cookie, ip: someIp() });
    expect(update.status).toBe(400);
    expect(await who(student.cookie)).toMatchObject({ role: 'student' });
    const longName = await platform.auth('/update-user', { name: 'x'.repeat(200) }, { cookie: student.cookie, ip: someIp() });
    expect((await longName.json()).message).toBe('Votre nom doit tenir en 80 caractères.');
  });

  it('refuses an address already taken, a short password and an empty name, in French', async () => {
    const taken = await platform.signUp();
    const cases = [
      [{ email: taken.email, password: 'un-mot-de-passe', name: 'Double' }, 'Un compte existe déjà avec cette adresse : connectez-vous plutôt.'],
      [{ email: `court-${randomUUID()}@exemple.fr`, password: 'court', name: 'Court' }, "Mot de passe trop court : choisissez-en un d'au moins 8 caractères."],
      [{ email: `anonyme-${randomUUID()}@exemple.fr`, password: 'un-mot-de-passe', name: '   ' }, 'Indiquez votre nom.'],
    ] as const;
    for (const [body, message] of cases) {
      const response = await platform.auth('/sign-up/email', body, { ip: someIp() });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect((await response.json()).message).toBe(message);
    }
  });
});

describe('sign-in', () => {
  it('opens a session with the right password only', async () => {
    const person = await platform.signUp({ password: 'le-bon-mot-de-passe' });
    const ip = someIp();
    const wrong = await platform.auth('/sign-in/email', { email: person.email, password: 'pas-le-bon' }, { ip });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ message: 'E-mail ou mot de passe incorrect. Vérifiez-les, puis réessayez.' });
    expect(cookiesOf(wrong)).toBe('');

    const right = await platform.auth('/sign-in/email', { email: person.email.toUpperCase(), password: 'le-bon-mot-de-passe' }, { ip });
    expect(right.status).toBe(200);
    expect(await who(cookiesOf(right))).toMatchObject({ id: person.id });
  });

  it('refuses a request sent from another site (origin check)', async () => {
    const person = await platform.signUp({ password: 'le-bon-mot-de-passe' });
    const response = await platform.auth('/sign-in/email', { email: person.email, password: 'le-bon-mot-de-passe' }, { origin: 'https://pirate.example', ip: someIp() });
    expect(response.status).toBe(403);
    expect((await response.json()).message).toMatch(/ne vient pas d'une page de Dockyard/);
    expect(cookiesOf(response)).toBe('');
  });

  it('trusts the address the browser typed, not only the server’s own name', async () => {
    // Next hands route handlers a URL on its own host name; students may use a LAN address.
    const person = await platform.signUp({ password: 'le-bon-mot-de-passe' });
    const body = { email: person.email, password: 'le-bon-mot-de-passe' };
    const lan = await platform.auth('/sign-in/email', body, { host: '192.0.2.10:3000', origin: 'http://192.0.2.10:3000', ip: someIp() });
    expect(lan.status).toBe(200);
    const foreign = await platform.auth('/sign-in/email', body, { host: '192.0.2.10:3000', origin: 'http://192.0.2.99:3000', ip: someIp() });
    expect(foreign.status).toBe(403);
  });

  it('limits attempts from one address, then says how long to wait', async () => {
    const ip = someIp();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const response = await platform.auth('/sign-in/email', { email: `inconnu-${i}@exemple.fr`, password: 'nimporte-quoi' }, { ip });
      statuses.push(response.status);
      if (response.status === 429) expect((await response.json()).message).toMatch(/^Trop de tentatives depuis votre connexion : réessayez dans (1 minute|\d+ secondes)\.$/);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('limits attempts on one account from any address, even with the right password', async () => {
    const person = await platform.signUp({ password: 'le-bon-mot-de-passe' });
    for (let i = 0; i < 4; i += 1) {
      expect((await platform.auth('/sign-in/email', { email: person.email, password: `essai-${i}-raté` }, { ip: someIp() })).status).toBe(401);
    }
    const blocked = await platform.auth('/sign-in/email', { email: person.email, password: 'le-bon-mot-de-passe' }, { ip: someIp() });
    expect(blocked.status).toBe(429);
    expect((await blocked.json()).message).toMatch(/^Trop de tentatives de connexion sur ce compte : réessayez dans (1 minute|\d+ secondes)\.$/);
    expect(cookiesOf(blocked)).toBe('');
  });

  it('signs out: the cookie no longer identifies anyone', async () => {
    const person = await platform.signUp();
    const response = await platform.auth('/sign-out', {}, { cookie: person.cookie, ip: someIp() });
    expect(response.status).toBe(200);
    expect(await who(person.cookie)).toBeNull();
  });
});

describe('the first admin', () => {
  const email = `admin-${randomUUID()}@exemple.fr`;
  const deps = () => ({ auth: platform.services.auth, prisma: platform.db.prisma });

  it('is created with its password, and can sign in as admin', async () => {
    expect(await ensureAdmin(deps(), { email, password: 'admin-mot-de-passe' })).toBe('created');
    expect(await ensureAdmin(deps(), { email, password: 'admin-mot-de-passe' })).toBe('unchanged');
    const response = await platform.auth('/sign-in/email', { email, password: 'admin-mot-de-passe' }, { ip: someIp() });
    expect(response.status).toBe(200);
    expect(await who(cookiesOf(response))).toMatchObject({ email, role: 'admin' });
  });

  it('promotes an existing account without touching its password', async () => {
    const person = await platform.signUp({ password: 'mot-de-passe-initial' });
    expect(await ensureAdmin(deps(), { email: person.email, password: 'autre-chose-ignorée' })).toBe('promoted');
    expect(await who(person.cookie)).toMatchObject({ role: 'admin' });
    const old = await platform.auth('/sign-in/email', { email: person.email, password: 'mot-de-passe-initial' }, { ip: someIp() });
    expect(old.status).toBe(200);
  });
});
