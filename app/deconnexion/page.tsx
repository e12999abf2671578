import type { Metadata } from 'next';
import Link from 'next/link';
import { SignOutButton } from '../_components/auth/sign-out-button';
import { serverDictionary } from '../_i18n/server-locale';
import { pageCaller } from '../_lib/page-caller';
import styles from '../status-page.module.css';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await serverDictionary()).account.signOut };
}

export default async function SignOutPage() {
  const [{ user }, { auth, account }] = await Promise.all([pageCaller(), serverDictionary()]);
  return (
    <div className={`container ${styles.page}`}>
      <h1>{user ? account.signOut : auth.signedOutTitle}</h1>
      {user ? (
        <>
          <p>
            {auth.signedInAs} <strong>{user.name}</strong> ({user.email}). {auth.signOutLead}
          </p>
          <SignOutButton className="button button--primary" />
        </>
      ) : (
        <>
          <p>{auth.signedOutLead}</p>
          <Link className="button button--primary" href="/connexion">
            {account.signIn}
          </Link>
        </>
      )}
    </div>
  );
}
