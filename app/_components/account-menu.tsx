'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';
import type { SignedInUser } from '@/server/auth/caller';
import { useDictionary } from '../_i18n/locale-provider';
import { authApi } from '../_lib/auth-api';
import { signInHref } from '../_lib/return-path';
import { SignOutButton } from './auth/sign-out-button';
import styles from './site-header.module.css';

type Account = { state: 'loading' } | { state: 'visitor' } | { state: 'signed-in'; user: SignedInUser };

/**
 * The header's right side: who is signed in and where their things are, or how to sign in.
 * Asked after load, so that course pages render the same for every visitor (only the UI language
 * cookie changes them).
 */
export function AccountMenu() {
  const [account, setAccount] = useState<Account>({ state: 'loading' });
  const pathname = usePathname();
  const { account: words, roles } = useDictionary();

  useEffect(() => {
    let current = true;
    authApi.me().then(
      ({ user }) => current && setAccount(user ? { state: 'signed-in', user } : { state: 'visitor' }),
      // The course works without it: show the visitor's links rather than nothing.
      () => current && setAccount({ state: 'visitor' }),
    );
    return () => {
      current = false;
    };
  }, []);

  if (account.state === 'loading') return <div className={styles.account} aria-hidden="true" />;
  if (account.state === 'visitor') {
    // Back to this page after signing in, unless this page is already the sign-in or sign-up one.
    const here = pathname === '/connexion' || pathname === '/inscription' ? null : pathname;
    return (
      <div className={styles.account}>
        <Link href={signInHref(here)}>{words.signIn}</Link>
        <Link className="button button--primary button--small" href={signInHref(here, '/inscription')}>
          {words.signUp}
        </Link>
      </div>
    );
  }
  const { user } = account;
  return (
    <div className={styles.account}>
      <Link href="/classes">{words.myClasses}</Link>
      {user.role === 'admin' && <Link href="/admin">{words.admin}</Link>}
      <span className={styles.who} data-testid="signed-in-user">
        <Link className={styles.name} href="/compte" title={words.myAccountLink}>
          {user.name}
        </Link>
        <span className="badge">{roles[user.role]}</span>
      </span>
      <SignOutButton />
    </div>
  );
}
