/**
 * Turns a request's headers into a Caller: the signed-in user from better-auth's session
 * cookie (looked up in the database each time, so a new role or a disabled account takes
 * effect at once), and the browser's owner id from Dockyard's signed cookie. The same for
 * route handlers, pages, the terminal socket and the preview proxy.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Auth } from './better-auth';
import { Caller, type SignedInUser } from './caller';
import type { OwnerTokens } from './owner-token';
import { isRole } from './roles';

/** The user behind a request's session cookie, or null (better-auth's getSession, in production). */
export type FindSignedInUser = (headers: Headers) => Promise<SignedInUser | null>;

export interface CallerResolverDeps {
  findUser: FindSignedInUser;
  owners: Pick<OwnerTokens, 'fromCookieHeader'>;
  anonymousLabs: boolean;
}

export class CallerResolver {
  constructor(private readonly deps: CallerResolverDeps) {}

  get anonymousLabs(): boolean {
    return this.deps.anonymousLabs;
  }

  async resolve(headers: Headers | IncomingHttpHeaders): Promise<Caller> {
    const webHeaders = headers instanceof Headers ? headers : toWebHeaders(headers);
    const user = webHeaders.get('cookie') ? await this.deps.findUser(webHeaders) : null;
    const browserId = this.deps.owners.fromCookieHeader(webHeaders.get('cookie') ?? undefined);
    return new Caller(user, browserId, this.deps.anonymousLabs);
  }
}

/** better-auth's session lookup, reduced to what Dockyard needs to know about the user. */
export function findUserWith(auth: Pick<Auth, 'api'>): FindSignedInUser {
  return async (headers) => {
    const user = (await auth.api.getSession({ headers }))?.user;
    // A disabled account's sessions are deleted; this guards the moment in between.
    if (!user || user.banned) return null;
    return {
      id: user.id,
      name: user.name,
      email: user.email,
      // The database allows only known roles; anything else gets the least power.
      role: isRole(user.role) ? user.role : 'student',
    };
  };
}

function toWebHeaders(headers: IncomingHttpHeaders): Headers {
  const result = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) result.append(name, one);
  }
  return result;
}
