import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthCard } from '../_components/auth/auth-card';
import { authLead, authPageTarget, type AuthPageProps } from '../_components/auth/auth-page';
import { SignUpForm } from '../_components/auth/sign-up-form';
import { serverDictionary } from '../_i18n/server-locale';
import { signInHref } from '../_lib/return-path';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await serverDictionary()).account.signUp };
}

export default async function SignUpPage(props: AuthPageProps) {
  const returnTo = await authPageTarget(props);
  const { auth, account } = await serverDictionary();
  return (
    <AuthCard
      title={account.signUp}
      lead={authLead(returnTo, auth.signUpLead, auth)}
      footer={
        <>
          {auth.alreadyAccount} <Link href={signInHref(returnTo)}>{account.signIn}</Link>
        </>
      }
    >
      <SignUpForm returnTo={returnTo} />
    </AuthCard>
  );
}
