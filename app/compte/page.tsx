import type { Metadata } from 'next';
import { PageHeading } from '../_components/page-heading';
import { serverDictionary } from '../_i18n/server-locale';
import { requirePageUser } from '../_lib/page-caller';
import { ChangePasswordForm } from './_components/change-password-form';
import styles from './account.module.css';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await serverDictionary()).accountPage.title };
}

/** Who the signed-in user is, and a new password (a provisional one from an admin included). */
export default async function AccountPage() {
  const user = await requirePageUser('/compte');
  const { accountPage: words, roles } = await serverDictionary();
  return (
    <div className={`container ${styles.page}`}>
      <PageHeading eyebrow={words.eyebrow} title={words.title} />
      <section className="panel" aria-labelledby="identite">
        <h2 id="identite">{words.identity}</h2>
        <dl className={styles.details}>
          <dt>{words.name}</dt>
          <dd>{user.name}</dd>
          <dt>{words.email}</dt>
          <dd>{user.email}</dd>
          <dt>{words.role}</dt>
          <dd>{roles[user.role]}</dd>
        </dl>
      </section>
      <section className="panel" aria-labelledby="mot-de-passe">
        <h2 id="mot-de-passe">{words.changeTitle}</h2>
        <p className="panel-lead">{words.changeLead}</p>
        <ChangePasswordForm />
      </section>
    </div>
  );
}
