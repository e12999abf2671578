import Link from 'next/link';
import type { TaughtClassSummary } from '@/server/classes/class-views';
import { formatJoinCode } from '@/server/classes/join-code';
import { LocalDate } from '../../_components/local-date';
import { ClassActionButton } from '../../classes/_components/class-action-button';
import styles from '../admin.module.css';

/** Every class of the instance: an admin opens any of them, or deletes it. */
export function ClassesTable({ classes }: { classes: TaughtClassSummary[] }) {
  if (classes.length === 0) return <p className="empty-state">Aucune classe pour l’instant : les enseignants les créent depuis « Mes classes ».</p>;
  return (
    <table className="data-table" data-testid="all-classes">
      <thead>
        <tr>
          <th scope="col">Classe</th>
          <th scope="col">Enseignant</th>
          <th scope="col">Code</th>
          <th scope="col">Étudiants</th>
          <th scope="col">Devoirs</th>
          <th scope="col">Créée le</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {classes.map((taughtClass) => (
          <tr key={taughtClass.id}>
            <td>
              <Link href={`/classes/${taughtClass.id}`}>{taughtClass.name}</Link>
            </td>
            <td>{taughtClass.instructorName}</td>
            <td>
              <code>{formatJoinCode(taughtClass.joinCode)}</code>
            </td>
            <td>{taughtClass.students}</td>
            <td>{taughtClass.assignments}</td>
            <td className={styles.muted}>
              <LocalDate iso={taughtClass.createdAt} format="date" />
            </td>
            <td className={styles.actions}>
              <ClassActionButton
                action={{ kind: 'delete-class', classId: taughtClass.id }}
                label="Supprimer"
                variant="danger"
                confirm={`Supprimer la classe « ${taughtClass.name} » de ${taughtClass.instructorName} ? Sa liste d’étudiants et ses devoirs disparaîtront.`}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
