import Link from 'next/link';
import type { TaughtClassSummary, TeacherView } from '@/server/classes/class-views';
import { formatJoinCode } from '@/server/classes/join-code';
import { LocalDate } from '../../_components/local-date';
import { serverDictionary } from '../../_i18n/server-locale';
import { ClassActionButton } from '../../classes/_components/class-action-button';
import styles from '../admin.module.css';
import { ClassAdminControls } from './class-admin-controls';

/** Every class of the instance: an admin opens any of them, renames it, hands it over to another teacher, or deletes it. */
export async function ClassesTable({ classes, teachers }: { classes: TaughtClassSummary[]; teachers: TeacherView[] }) {
  const { admin: words, classes: classWords } = await serverDictionary();
  const columns = classWords.columns;
  if (classes.length === 0) return <p className="empty-state">{words.noClass}</p>;
  return (
    <table className="data-table" data-testid="all-classes">
      <thead>
        <tr>
          <th scope="col">{columns.class}</th>
          <th scope="col">{words.classColumns.instructor}</th>
          <th scope="col">{columns.code}</th>
          <th scope="col">{columns.students}</th>
          <th scope="col">{columns.assignments}</th>
          <th scope="col">{words.classColumns.createdOn}</th>
          <th scope="col">
            <span className="visually-hidden">{columns.actions}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {classes.map((taughtClass) => (
          <tr key={taughtClass.id} data-class-id={taughtClass.id}>
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
              <ClassAdminControls classId={taughtClass.id} name={taughtClass.name} instructorId={taughtClass.instructorId} teachers={teachers} />{' '}
              <ClassActionButton
                action={{ kind: 'delete-class', classId: taughtClass.id }}
                label={words.delete}
                variant="danger"
                confirm={words.confirmDeleteClass(taughtClass.name, taughtClass.instructorName)}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
