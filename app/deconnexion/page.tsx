import type { Metadata } from 'next';
import Link from 'next/link';
import { SignOutButton } from '../_components/auth/sign-out-button';
import { pageCaller } from '../_lib/page-caller';
import styles from '../status-page.module.css';

export const metadata: Metadata = { title: 'Se déconnecter' };

export default async function SignOutPage() {
  const { user } = await pageCaller();
  return (
    <div className={`container ${styles.page}`}>
      <h1>{user ? 'Se déconnecter' : 'Vous êtes déconnecté'}</h1>
      {user ? (
        <>
          <p>
            Vous êtes connecté en tant que <strong>{user.name}</strong> ({user.email}). Vos labs en cours restent
            disponibles jusqu’à leur expiration : vous les retrouverez en vous reconnectant.
          </p>
          <SignOutButton className="button button--primary" />
        </>
      ) : (
        <>
          <p>Le cours reste ouvert à tous ; connectez-vous pour démarrer un lab ou rejoindre une classe.</p>
          <Link className="button button--primary" href="/connexion">
            Se connecter
          </Link>
        </>
      )}
    </div>
  );
}
