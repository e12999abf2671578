import type { Metadata } from 'next';
import Link from 'next/link';
import { ROLE_LABELS, TEACHING_ROLES } from '@/server/auth/roles';
import { formatJoinCode } from '@/server/classes/join-code';
import { getServices } from '@/server/services';
import { PageHeading } from '../_components/page-heading';
import { requirePageUser } from '../_lib/page-caller';
import { AssignmentList } from './_components/assignment-list';
import { CreateClassForm } from './_components/create-class-form';
import { JoinClassForm } from './_components/join-class-form';
import styles from './classes.module.css';

export const metadata: Metadata = { title: 'Mes classes' };

export default async function MyClassesPage() {
  const user = await requirePageUser('/classes');
  const { classes } = getServices();
  const [taught, joined] = await Promise.all([classes.listTaught(user), classes.listJoined(user)]);
  const teaches = TEACHING_ROLES.includes(user.role);

  return (
    <div className={`container ${styles.page}`}>
      <PageHeading
        eyebrow={`${user.name} · ${ROLE_LABELS[user.role]}`}
        title="Mes classes"
        lead={
          teaches
            ? 'Créez une classe, donnez son code à vos étudiants, puis choisissez les labs, leçons et quiz à faire.'
            : 'Les classes que vous avez rejointes, et ce que vos enseignants vous demandent de faire.'
        }
      />

      {teaches && (
        <section className={`panel ${styles.section}`} aria-labelledby="enseignees">
          <h2 id="enseignees">Classes que j’enseigne</h2>
          <p className="panel-lead">Chaque classe a son code : vos étudiants le saisissent pour la rejoindre.</p>
          <CreateClassForm />
          {taught.length > 0 ? (
            <table className={`data-table ${styles.table}`}>
              <thead>
                <tr>
                  <th scope="col">Classe</th>
                  <th scope="col">Code</th>
                  <th scope="col">Étudiants</th>
                  <th scope="col">Devoirs</th>
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
            <p className={`empty-state ${styles.table}`}>Vous n’avez pas encore de classe : créez la première ci-dessus.</p>
          )}
        </section>
      )}

      {(!teaches || joined.length > 0) && (
        <section className={styles.section} aria-labelledby="suivies">
          <h2 id="suivies" className={styles.sectionTitle}>
            {teaches ? 'Classes que je suis' : 'Mes classes'}
          </h2>
          {joined.length === 0 && <p className="empty-state">Vous n’avez rejoint aucune classe pour l’instant.</p>}
          {joined.map((joinedClass) => (
            <article key={joinedClass.id} className={`panel ${styles.joined}`} data-testid="joined-class">
              <header className={styles.joinedHeader}>
                <h3>
                  <Link href={`/classes/${joinedClass.id}`}>{joinedClass.name}</Link>
                </h3>
                <p>Enseignant : {joinedClass.instructorName}</p>
              </header>
              <AssignmentList assignments={joinedClass.assignments} />
            </article>
          ))}
        </section>
      )}

      {!teaches && (
        <section className={`panel ${styles.section}`} aria-labelledby="rejoindre">
          <h2 id="rejoindre">Rejoindre une classe</h2>
          <p className="panel-lead">Saisissez le code que votre enseignant vous a donné (8 caractères).</p>
          <JoinClassForm />
        </section>
      )}
    </div>
  );
}
