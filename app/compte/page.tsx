import type { Metadata } from 'next';
import { ROLE_LABELS } from '@/server/auth/roles';
import { PageHeading } from '../_components/page-heading';
import { requirePageUser } from '../_lib/page-caller';
import { ChangePasswordForm } from './_components/change-password-form';
import styles from './account.module.css';

export const metadata: Metadata = { title: 'Mon compte' };

/** Who the signed-in user is, and a new password (a provisional one from an admin included). */
export default async function AccountPage() {
  const user = await requirePageUser('/compte');
  return (
    <div className={`container ${styles.page}`}>
      <PageHeading eyebrow="Compte" title="Mon compte" />
      <section className="panel" aria-labelledby="identite">
        <h2 id="identite">Identité</h2>
        <dl className={styles.details}>
          <dt>Nom</dt>
          <dd>{user.name}</dd>
          <dt>E-mail</dt>
          <dd>{user.email}</dd>
          <dt>Rôle</dt>
          <dd>{ROLE_LABELS[user.role]}</dd>
        </dl>
      </section>
      <section className="panel" aria-labelledby="mot-de-passe">
        <h2 id="mot-de-passe">Changer de mot de passe</h2>
        <p className="panel-lead">Après le changement, vos autres appareils sont déconnectés ; celui-ci reste connecté.</p>
        <ChangePasswordForm />
      </section>
    </div>
  );
}
