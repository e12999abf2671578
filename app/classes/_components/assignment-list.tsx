import Link from 'next/link';
import type { AssignmentView } from '@/server/classes/class-views';
import { KIND_LABELS } from '../_lib/assignment-labels';
import { Deadline } from './deadline';
import styles from './assignment-list.module.css';

/** A class's assignments as a student sees them: what, where to find it, by when. */
export function AssignmentList({ assignments }: { assignments: AssignmentView[] }) {
  if (assignments.length === 0) return <p className="empty-state">Pas encore de devoir dans cette classe.</p>;
  return (
    <ul className={styles.list}>
      {assignments.map((assignment) => (
        <li key={assignment.id} className={styles.item} data-testid="assignment">
          <span className={`badge ${styles[assignment.kind]}`}>{KIND_LABELS[assignment.kind]}</span>
          {assignment.href ? (
            <Link className={styles.title} href={assignment.href}>
              {assignment.title}
            </Link>
          ) : (
            <span className={styles.title}>
              {assignment.title} <em>(retiré du cours)</em>
            </span>
          )}
          <Deadline dueAt={assignment.dueAt} />
        </li>
      ))}
    </ul>
  );
}
