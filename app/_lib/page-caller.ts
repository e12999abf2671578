/**
 * Who is looking at a page (server components): the same Caller as route handlers get, from
 * the request's cookies. Pages that need an account send visitors to the sign-in page, which
 * brings them back afterwards.
 */
import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { Caller, SignedInUser } from '@/server/auth/caller';
import { getServices } from '@/server/services';
import { signInHref } from './return-path';

export async function pageCaller(): Promise<Caller> {
  // headers() first: it marks the page dynamic, so the build never renders it without services.
  const requestHeaders = await headers();
  return getServices().callers.resolve(requestHeaders);
}

/** The signed-in user; a visitor goes to « Se connecter » and comes back to `returnTo`. */
export async function requirePageUser(returnTo: string): Promise<SignedInUser> {
  const { user } = await pageCaller();
  if (!user) redirect(signInHref(returnTo));
  return user;
}
