/**
 * From a verified launch to a signed-in browser. The launch answers with a one-time ticket
 * (two minutes, used once, only its SHA-256 stored); redeeming it creates a better-auth session
 * through better-auth's own endpoint machinery (a server-only endpoint: never on the HTTP
 * router) and sets its signed cookie. Inside the LMS's iframe, over HTTPS, the cookie is
 * `SameSite=None; Secure; Partitioned` (the browser keeps it for that LMS only, even when it
 * blocks third-party cookies); in a window of its own it keeps better-auth's usual attributes.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createAuthEndpoint } from 'better-auth/api';
import { setSessionCookie } from 'better-auth/cookies';
import { z } from 'zod';
import type { PrismaClient } from '../../generated/prisma/client';
import type { Auth } from '../auth/better-auth';
import { LtiExpiredError } from './lti-errors';

const TICKET_LIFETIME_MS = 2 * 60_000;

export interface SignInResult {
  /** Where the person goes: a path of Dockyard's. */
  target: string;
  /** better-auth's Set-Cookie header(s) for the new session. */
  setCookies: string[];
}

/** better-auth's session creation and cookie, callable only from this process (auth.api is not involved). */
const createLtiSession = createAuthEndpoint.serverOnly(
  { method: 'POST', body: z.object({ userId: z.string(), framed: z.boolean() }) },
  async (ctx) => {
    const user = await ctx.context.internalAdapter.findUserById(ctx.body.userId);
    if (!user) throw new LtiExpiredError('Ce lien de connexion');
    const session = await ctx.context.internalAdapter.createSession(user.id);
    const secure = ctx.context.authCookies.sessionToken.attributes.secure === true;
    const framed = ctx.body.framed && secure ? { sameSite: 'none' as const, secure: true, partitioned: true } : {};
    await setSessionCookie(ctx, { session, user }, false, framed);
    return ctx.json({ ok: true });
  },
);

export class LtiSignIn {
  constructor(private readonly deps: { prisma: PrismaClient; auth: Pick<Auth, '$context'>; now: () => Date }) {}

  /** A ticket for this user to land on this path; what the launch page redeems. */
  async issue(userId: string, target: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.deps.prisma.ltiTicket.deleteMany({ where: { expiresAt: { lt: this.deps.now() } } });
    await this.deps.prisma.ltiTicket.create({
      data: { tokenHash: hash(token), userId, target, expiresAt: new Date(this.deps.now().getTime() + TICKET_LIFETIME_MS) },
    });
    return token;
  }

  /** Uses the ticket (once) and signs its user in; `framed`: the browser redeems it inside the LMS's iframe. */
  async redeem(token: string, framed: boolean): Promise<SignInResult> {
    const tokenHash = hash(token);
    const now = this.deps.now();
    const { count } = await this.deps.prisma.ltiTicket.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (count === 0) throw new LtiExpiredError('Ce lien de connexion');
    const ticket = await this.deps.prisma.ltiTicket.findUniqueOrThrow({ where: { tokenHash } });
    const response = (await createLtiSession({
      body: { userId: ticket.userId, framed },
      context: await this.deps.auth.$context,
      asResponse: true,
    } as never)) as Response;
    return { target: ticket.target, setCookies: response.headers.getSetCookie() };
  }
}

function hash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
