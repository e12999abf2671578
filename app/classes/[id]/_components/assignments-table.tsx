import Link from 'next/link';
import type { AssignmentView } from '@/server/classes/class-views';
import { serverDictionary } from '../../../_i18n/server-locale';
import { ClassActionButton } from '../../_components/class-action-button';
import { Deadline } from '../../_components/deadline';
import styles from '../class-page.module.css';

/** The class's assignments as its instructor manages them. */
export async function AssignmentsTable({ classId, assignments }: { classId: string; assignments: AssignmentView[] }) {
  const { classes: words } = await serverDictionary();
  return assignments.length === 0 ? (
    <p className="empty-state">{words.noManagedAssignment}</p>
  ) : (
    <table className="data-table" data-testid="assignments">
      <thead>
        <tr>
          <th scope="col">{words.assignmentColumns.kind}</th>
          <th scope="col">{words.assignmentColumns.content}</th>
          <th scope="col">{words.assignmentColumns.due}</th>
          <th scope="col">
            <span className="visually-hidden">{words.columns.actions}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {assignments.map((assignment) => (
          <tr key={assignment.id}>
            <td>
              <span className="badge">{words.kinds[assignment.kind]}</span>
            </td>
            <td>{assignment.href ? <Link href={assignment.href}>{assignment.title}</Link> : `${assignment.title} ${words.removedFromCourse}`}</td>
            <td>
              <Deadline dueAt={assignment.dueAt} />
            </td>
            <td className={styles.actionsCell}>
              <ClassActionButton action={{ kind: 'unassign', classId, assignmentId: assignment.id }} label={words.remove} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
