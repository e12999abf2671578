import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthCard } from '../_components/auth/auth-card';
import { authLead, authPageTarget, type AuthPageProps } from '../_components/auth/auth-page';
import { SignInForm } from '../_components/auth/sign-in-form';
import { signInHref } from '../_lib/return-path';

export const metadata: Metadata = { title: 'Se connecter' };

export default async function SignInPage(props: AuthPageProps) {
  const returnTo = await authPageTarget(props);
  return (
    <AuthCard
      title="Se connecter"
      lead={authLead(returnTo, 'Retrouvez vos labs, vos classes et vos devoirs.')}
      footer={
        <>
          Pas encore de compte ? <Link href={signInHref(returnTo, '/inscription')}>Créer un compte</Link>
        </>
      }
    >
      <SignInForm returnTo={returnTo} />
    </AuthCard>
  );
}
