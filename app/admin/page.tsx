import type { Metadata } from 'next';
import Link from 'next/link';
import { userSearch } from '@/server/http/admin-params';
import { getServices } from '@/server/services';
import { AccessDenied } from '../_components/access-denied';
import { PageHeading } from '../_components/page-heading';
import { requirePageUser } from '../_lib/page-caller';
import { ClassesTable } from './_components/classes-table';
import { UsersTable } from './_components/users-table';
import styles from './admin.module.css';

export const metadata: Metadata = { title: 'Administration' };

interface AdminPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function AdminPage({ searchParams }: AdminPageProps) {
  const user = await requirePageUser('/admin');
  if (user.role !== 'admin') {
    return <AccessDenied title="Réservé aux administrateurs" message="Cette page sert à gérer les comptes et les classes de Dockyard." />;
  }
  const parsed = userSearch.safeParse({ q: (await searchParams).q });
  const search = parsed.success ? parsed.data.q : '';
  const { users, classes } = getServices();
  const [userList, classList] = await Promise.all([users.list(user, search), classes.listAll(user)]);

  return (
    <div className={`container ${styles.page}`}>
      <PageHeading
        eyebrow="Administration"
        title="Comptes et classes"
        lead="Donnez le rôle d’enseignant à qui anime des classes ; désactivez un compte pour le déconnecter et arrêter ses labs."
      />

      <section className="panel" aria-labelledby="comptes">
        <div className={styles.sectionHeader}>
          <h2 id="comptes">Comptes</h2>
          <form className={styles.search} role="search" action="/admin">
            <label className="visually-hidden" htmlFor="recherche">
              Rechercher un compte
            </label>
            <input className="input" id="recherche" name="q" type="search" defaultValue={search} placeholder="Nom ou e-mail…" />
            <button type="submit" className="button button--secondary">
              Rechercher
            </button>
            {search && <Link href="/admin">Tout afficher</Link>}
          </form>
        </div>
        <UsersTable users={userList} currentUserId={user.id} search={search} />
      </section>

      <section className={`panel ${styles.section}`} aria-labelledby="toutes-classes">
        <h2 id="toutes-classes">Classes ({classList.length})</h2>
        <p className="panel-lead">Toutes les classes de cette instance, quel que soit leur enseignant.</p>
        <ClassesTable classes={classList} />
      </section>
    </div>
  );
}
