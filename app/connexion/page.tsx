import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthCard } from '../_components/auth/auth-card';
import { authLead, authPageTarget, type AuthPageProps } from '../_components/auth/auth-page';
import { SignInForm } from '../_components/auth/sign-in-form';
import { serverDictionary } from '../_i18n/server-locale';
import { signInHref } from '../_lib/return-path';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await serverDictionary()).account.signIn };
}

export default async function SignInPage(props: AuthPageProps) {
  const returnTo = await authPageTarget(props);
  const { auth, account } = await serverDictionary();
  return (
    <AuthCard
      title={account.signIn}
      lead={authLead(returnTo, auth.signInLead, auth)}
      footer={
        <>
          {auth.noAccountYet} <Link href={signInHref(returnTo, '/inscription')}>{account.signUp}</Link>
        </>
      }
    >
      <SignInForm returnTo={returnTo} />
    </AuthCard>
  );
}
