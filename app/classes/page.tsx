import type { Metadata } from 'next';
import Link from 'next/link';
import { TEACHING_ROLES } from '@/server/auth/roles';
import { formatJoinCode } from '@/server/classes/join-code';
import { getServices } from '@/server/services';
import { PageHeading } from '../_components/page-heading';
import { serverDictionary } from '../_i18n/server-locale';
import { requirePageUser } from '../_lib/page-caller';
import { LabHealthNotice } from '../sante-des-labs/_components/lab-health-notice';
import { AssignmentList } from './_components/assignment-list';
import { CreateClassForm } from './_components/create-class-form';
import { JoinClassForm } from './_components/join-class-form';
import styles from './classes.module.css';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await serverDictionary()).classes.metaTitle };
}

export default async function MyClassesPage() {
  const user = await requirePageUser('/classes');
  const { classes } = getServices();
  const [taught, joined, { classes: words, roles }] = await Promise.all([classes.listTaught(user), classes.listJoined(user), serverDictionary()]);
  const teaches = TEACHING_ROLES.includes(user.role);

  return (
    <div className={`container ${styles.page}`}>
      <PageHeading
        eyebrow={`${user.name} · ${roles[user.role]}`}
        title={words.metaTitle}
        lead={
          teaches
            ? words.teacherLead
            : words.studentLead
        }
      />

      {teaches && <LabHealthNotice user={user} />}

      {teaches && (
        <section className={`panel ${styles.section}`} aria-labelledby="enseignees">
          <h2 id="enseignees">{words.taughtTitle}</h2>
          <p className="panel-lead">{words.taughtLead}</p>
          <CreateClassForm />
          {taught.length > 0 ? (
            <table className={`data-table ${styles.table}`}>
              <thead>
                <tr>
                  <th scope="col">{words.columns.class}</th>
                  <th scope="col">{words.columns.code}</th>
                  <th scope="col">{words.columns.students}</th>
                  <th scope="col">{words.columns.assignments}</th>
                </tr>
              </thead>
              <tbody>
                {taught.map((taughtClass) => (
                  <tr key={taughtClass.id}>
                    <td>
                      <Link href={`/classes/${taughtClass.id}`}>{taughtClass.name}</Link>
                    </td>
                    <td>
                      <code>{formatJoinCode(taughtClass.joinCode)}</code>
                    </td>
                    <td>{taughtClass.students}</td>
                    <td>{taughtClass.assignments}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className={`empty-state ${styles.table}`}>{words.noTaughtClass}</p>
          )}
        </section>
      )}

      {(!teaches || joined.length > 0) && (
        <section className={styles.section} aria-labelledby="suivies">
          <h2 id="suivies" className={styles.sectionTitle}>
            {teaches ? words.followedTitle : words.metaTitle}
          </h2>
          {joined.length === 0 && <p className="empty-state">{words.noJoinedClass}</p>}
          {joined.map((joinedClass) => (
            <article key={joinedClass.id} className={`panel ${styles.joined}`} data-testid="joined-class">
              <header className={styles.joinedHeader}>
                <h3>
                  <Link href={`/classes/${joinedClass.id}`}>{joinedClass.name}</Link>
                </h3>
                <p>{words.instructor(joinedClass.instructorName)}</p>
              </header>
              <AssignmentList assignments={joinedClass.assignments} />
            </article>
          ))}
        </section>
      )}

      {!teaches && (
        <section className={`panel ${styles.section}`} aria-labelledby="rejoindre">
          <h2 id="rejoindre">{words.joinTitle}</h2>
          <p className="panel-lead">{words.joinPanelLead}</p>
          <JoinClassForm />
        </section>
      )}
    </div>
  );
}
