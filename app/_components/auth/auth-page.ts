import 'server-only';
import { redirect } from 'next/navigation';
import type { Dictionary } from '../../_i18n/fr';
import { pageCaller } from '../../_lib/page-caller';
import { AFTER_SIGN_IN, RETURN_PARAM, safeReturnPath } from '../../_lib/return-path';

export interface AuthPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/**
 * What the sign-in and sign-up pages share: where to go back afterwards, and no form at all
 * for someone already signed in (they go straight there).
 */
export async function authPageTarget({ searchParams }: AuthPageProps): Promise<string | null> {
  const returnTo = safeReturnPath((await searchParams)[RETURN_PARAM]);
  if ((await pageCaller()).user) redirect(returnTo ?? AFTER_SIGN_IN);
  return returnTo;
}

/** Why an account is asked, depending on where the visitor was going. */
export function authLead(returnTo: string | null, otherwise: string, auth: Dictionary['auth']): string {
  if (returnTo?.startsWith('/labs/')) return auth.labLead;
  if (returnTo?.startsWith('/rejoindre')) return auth.joinLead;
  return otherwise;
}
