import type { Metadata } from 'next';
import Link from 'next/link';
import { userSearch } from '@/server/http/admin-params';
import { getServices } from '@/server/services';
import { AccessDenied } from '../_components/access-denied';
import { PageHeading } from '../_components/page-heading';
import { serverDictionary } from '../_i18n/server-locale';
import { formatStorage } from '../_lib/format-storage';
import { requirePageUser } from '../_lib/page-caller';
import { LabHealthNotice } from '../sante-des-labs/_components/lab-health-notice';
import { ClassesTable } from './_components/classes-table';
import { ContentPacksPanel } from './_components/content-packs-panel';
import { LtiPlatformsPanel } from './_components/lti-platforms-panel';
import { UsersTable } from './_components/users-table';
import styles from './admin.module.css';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await serverDictionary()).admin.title };
}

interface AdminPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function AdminPage({ searchParams }: AdminPageProps) {
  const user = await requirePageUser('/admin');
  const dictionary = await serverDictionary();
  const { admin: words } = dictionary;
  if (user.role !== 'admin') return <AccessDenied title={words.deniedTitle} message={words.deniedText} />;
  const parsed = userSearch.safeParse({ q: (await searchParams).q });
  const search = parsed.success ? parsed.data.q : '';
  const { users, classes, sessions } = getServices();
  const [userList, classList, teachers, paused] = await Promise.all([
    users.list(user, search),
    classes.listAll(user),
    classes.listTeachers(user),
    sessions.pauses.totalPausedMiB(),
  ]);

  return (
    <div className={`container ${styles.page}`}>
      <PageHeading
        eyebrow={words.title}
        title={words.heading}
        lead={words.lead}
      />

      <LabHealthNotice user={user} />

      <section className="panel" aria-labelledby="comptes">
        <div className={styles.sectionHeader}>
          <h2 id="comptes">{words.accounts}</h2>
          <form className={styles.search} role="search" action="/admin">
            <label className="visually-hidden" htmlFor="recherche">
              {words.searchLabel}
            </label>
            <input className="input" id="recherche" name="q" type="search" defaultValue={search} placeholder={words.searchPlaceholder} />
            <button type="submit" className="button button--secondary">
              {words.search}
            </button>
            {search && <Link href="/admin">{words.showAll}</Link>}
          </form>
        </div>
        <UsersTable users={userList} currentUserId={user.id} search={search} />
      </section>

      <section className={`panel ${styles.section}`} aria-labelledby="toutes-classes">
        <h2 id="toutes-classes">{words.classesTitle(classList.length)}</h2>
        <p className="panel-lead">{words.classesLead}</p>
        <ClassesTable classes={classList} teachers={teachers} />
      </section>

      <div className={styles.section}>
        <LtiPlatformsPanel />
      </div>

      <div className={styles.section}>
        <ContentPacksPanel />
      </div>

      <section className={`panel ${styles.section}`} aria-labelledby="labs-en-pause">
        <h2 id="labs-en-pause">{words.pausedTitle}</h2>
        <p className="panel-lead">{words.pausedLead}</p>
        <p data-testid="paused-total">
          {paused.labs === 0
            ? words.pausedNone
            : words.pausedTotal(paused.labs, formatStorage(paused.storageMiB, dictionary.storage, dictionary.intlLocale))}
        </p>
      </section>
    </div>
  );
}
