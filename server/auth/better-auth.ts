/**
 * Accounts through better-auth: e-mail and password sign-up and sign-in, session cookies,
 * password hashing, origin checks (CSRF) and per-address rate limits are all its own. Its
 * admin plugin adds the role and ban columns, gives new accounts the student role (which a
 * sign-up cannot choose) and refuses sign-in to disabled accounts. Users are managed through
 * our routes (server/accounts), so the plugin's own HTTP endpoints are switched off.
 */
import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { admin } from 'better-auth/plugins';
import { createAccessControl } from 'better-auth/plugins/access';
import { adminAc, defaultStatements } from 'better-auth/plugins/admin/access';
import { z } from 'zod';
import type { PrismaClient } from '../../generated/prisma/client';
import { TooManyRequestsError } from '../errors';
import { CLIENT_IP_HEADER } from '../http/client-ip';
import { formatWait, type RateLimit } from '../http/rate-limiter';
import { attemptLimiter } from '../http/rate-limits';
import type { RateWindows } from '../http/shared-rate-limiter';
import { AUTH_BASE_PATH, MAX_NAME_LENGTH, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './account-rules';
import { AUTH_COOKIE_PREFIX } from './auth-cookies';
import { OWN_AUTH_CODES } from './auth-messages';
import { deriveKey } from './derive-key';

export interface AuthOptions {
  prisma: PrismaClient;
  /** Dockyard's server secret; better-auth signs with a key derived from it. */
  secret: string;
  /** The public address when set by the operator (DOCKYARD_PUBLIC_URL); else each request's own origin. */
  publicUrl?: string;
  /** Sign-in and sign-up requests per minute from one client address. */
  requestsPerMinute: number;
  /** Sign-in attempts on one account, from anywhere: what stops guessing a password. */
  attemptsPerAccount?: RateLimit;
  /**
   * Several servers on one PostgreSQL: both limits are counted there, not in each process
   * (a password guessed on N replicas must not get N times the attempts).
   */
  rateWindows?: RateWindows;
  log?: (message: string) => void;
}

const ATTEMPTS_PER_ACCOUNT: RateLimit = { max: 10, windowMs: 15 * 60_000 };

const nameSchema = z
  .string({ error: 'Indiquez votre nom.' })
  .trim()
  .min(1, 'Indiquez votre nom.')
  .max(MAX_NAME_LENGTH, `Votre nom doit tenir en ${MAX_NAME_LENGTH} caractères.`);

export function createAuth(options: AuthOptions) {
  const ac = createAccessControl(defaultStatements);
  const adminPlugin = admin({
    ac,
    // The plugin's own permissions matter little (its endpoints are off); its roles must be ours.
    roles: { student: ac.newRole({ user: [], session: [] }), instructor: ac.newRole({ user: [], session: [] }), admin: adminAc },
    defaultRole: 'student',
    adminRoles: ['admin'],
    bannedUserMessage: 'Ce compte a été désactivé par un administrateur.',
  });
  const accountAttempts = attemptLimiter(
    options.rateWindows,
    'signInAccount',
    options.attemptsPerAccount ?? ATTEMPTS_PER_ACCOUNT,
    (seconds) => `Trop de tentatives de connexion sur ce compte : réessayez dans ${formatWait(seconds)}.`,
  );

  return betterAuth({
    appName: 'Dockyard',
    secret: deriveKey(options.secret, 'better-auth'),
    // Without a public URL, the origin trusted is the one the browser addressed (its Host
    // header): Dockyard answers on whatever name or address students use (localhost, a LAN
    // address…), and a request sent from another site still fails the origin check. (Next
    // gives route handlers a URL on its own host name, so better-auth cannot derive this
    // itself; a dynamic baseURL with allowedHosts ['*'] would trust every origin. Both are
    // tested in test/integration/accounts/sign-in.test.ts.)
    baseURL: options.publicUrl,
    trustedOrigins: options.publicUrl ? [] : (request) => [addressedOrigin(request)],
    basePath: AUTH_BASE_PATH,
    database: prismaAdapter(options.prisma, { provider: 'postgresql', transaction: true }),
    emailAndPassword: {
      enabled: true,
      autoSignIn: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
    },
    plugins: [adminPlugin],
    disabledPaths: Object.values(adminPlugin.endpoints).map((endpoint) => endpoint.path),
    rateLimit: {
      enabled: true,
      storage: 'memory',
      ...(options.rateWindows ? { customStorage: sharedAuthLimits(options.rateWindows) } : {}),
      customRules: {
        '/sign-in/email': { window: 60, max: options.requestsPerMinute },
        '/sign-up/email': { window: 60, max: options.requestsPerMinute },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        // A name is given at sign-up and may be changed later (better-auth's /update-user).
        if (ctx.path === '/sign-up/email' || (ctx.path === '/update-user' && ctx.body?.name !== undefined)) {
          const name = nameSchema.safeParse(ctx.body?.name);
          if (!name.success) throw APIError.from('BAD_REQUEST', { code: OWN_AUTH_CODES.invalidName, message: name.error.issues[0]?.message ?? 'Nom invalide.' });
        }
        if (ctx.path === '/sign-in/email' && typeof ctx.body?.email === 'string') {
          try {
            await accountAttempts.take(ctx.body.email.trim().toLowerCase());
          } catch (error) {
            if (!(error instanceof TooManyRequestsError)) throw error;
            throw APIError.from('TOO_MANY_REQUESTS', { code: OWN_AUTH_CODES.tooManyOnAccount, message: (error as Error).message });
          }
        }
      }),
    },
    advanced: {
      // better-auth skips its origin check under NODE_ENV=test: tests must meet the same checks.
      disableOriginCheck: false,
      cookiePrefix: AUTH_COOKIE_PREFIX,
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    telemetry: { enabled: false },
    logger: {
      // Failed sign-ins are warnings to better-auth; the operator only needs real errors.
      level: 'error',
      log: (level, message) => options.log?.(`auth (${level}) : ${message}`),
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;

/** better-auth's per-address limits counted in the shared table (its atomic `consume` contract). */
function sharedAuthLimits(windows: RateWindows) {
  return {
    consume: async (key: string, rule: { window: number; max: number }) => {
      const { count, secondsLeft } = await windows.count(`auth:${key}`, rule.window * 1000);
      return count <= rule.max ? { allowed: true, retryAfter: null } : { allowed: false, retryAfter: secondsLeft };
    },
  };
}

/** http://{Host}: what the browser typed; behind TLS the operator sets DOCKYARD_PUBLIC_URL instead. */
function addressedOrigin(request: Request | undefined): string | undefined {
  const host = request?.headers.get('host');
  return host ? `http://${host}` : undefined;
}

/** better-auth's password hash as configured (scrypt by default): what its sign-in verifies. */
export function passwordHasher(auth: Pick<Auth, '$context'>): (password: string) => Promise<string> {
  return async (password) => (await auth.$context).password.hash(password);
}
