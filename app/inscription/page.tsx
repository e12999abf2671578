import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthCard } from '../_components/auth/auth-card';
import { authLead, authPageTarget, type AuthPageProps } from '../_components/auth/auth-page';
import { SignUpForm } from '../_components/auth/sign-up-form';
import { signInHref } from '../_lib/return-path';

export const metadata: Metadata = { title: 'Créer un compte' };

export default async function SignUpPage(props: AuthPageProps) {
  const returnTo = await authPageTarget(props);
  return (
    <AuthCard
      title="Créer un compte"
      lead={authLead(returnTo, 'Gratuit, en une minute : il vous donne une machine de lab et l’accès aux classes de vos enseignants.')}
      footer={
        <>
          Déjà un compte ? <Link href={signInHref(returnTo)}>Se connecter</Link>
        </>
      }
    >
      <SignUpForm returnTo={returnTo} />
    </AuthCard>
  );
}
