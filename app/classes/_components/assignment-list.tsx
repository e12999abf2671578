import Link from 'next/link';
import type { AssignmentView } from '@/server/classes/class-views';
import { serverDictionary } from '../../_i18n/server-locale';
import { Deadline } from './deadline';
import styles from './assignment-list.module.css';

/** A class's assignments as a student sees them: what, where to find it, by when. */
export async function AssignmentList({ assignments }: { assignments: AssignmentView[] }) {
  const { classes: words } = await serverDictionary();
  if (assignments.length === 0) return <p className="empty-state">{words.noAssignment}</p>;
  return (
    <ul className={styles.list}>
      {assignments.map((assignment) => (
        <li key={assignment.id} className={styles.item} data-testid="assignment">
          <span className={`badge ${styles[assignment.kind]}`}>{words.kinds[assignment.kind]}</span>
          {assignment.href ? (
            <Link className={styles.title} href={assignment.href}>
              {assignment.title}
            </Link>
          ) : (
            <span className={styles.title}>
              {assignment.title} <em>{words.removedFromCourse}</em>
            </span>
          )}
          <Deadline dueAt={assignment.dueAt} />
        </li>
      ))}
    </ul>
  );
}
