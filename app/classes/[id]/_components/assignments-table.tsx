import Link from 'next/link';
import type { AssignmentView } from '@/server/classes/class-views';
import { KIND_LABELS } from '../../_lib/assignment-labels';
import { ClassActionButton } from '../../_components/class-action-button';
import { Deadline } from '../../_components/deadline';
import styles from '../class-page.module.css';

/** The class's assignments as its instructor manages them. */
export function AssignmentsTable({ classId, assignments }: { classId: string; assignments: AssignmentView[] }) {
  return assignments.length === 0 ? (
    <p className="empty-state">Aucun devoir pour l’instant : choisissez un lab, une leçon ou un quiz ci-dessus.</p>
  ) : (
    <table className="data-table" data-testid="assignments">
      <thead>
        <tr>
          <th scope="col">Type</th>
          <th scope="col">Contenu</th>
          <th scope="col">Échéance</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {assignments.map((assignment) => (
          <tr key={assignment.id}>
            <td>
              <span className="badge">{KIND_LABELS[assignment.kind]}</span>
            </td>
            <td>{assignment.href ? <Link href={assignment.href}>{assignment.title}</Link> : `${assignment.title} (retiré du cours)`}</td>
            <td>
              <Deadline dueAt={assignment.dueAt} />
            </td>
            <td className={styles.actionsCell}>
              <ClassActionButton action={{ kind: 'unassign', classId, assignmentId: assignment.id }} label="Retirer" />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
