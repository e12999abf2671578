import type { MemberView } from '@/server/classes/class-views';
import { LocalDate } from '../../../_components/local-date';
import { ClassActionButton } from '../../_components/class-action-button';
import { serverDictionary } from '../../../_i18n/server-locale';
import styles from '../class-page.module.css';

/** Who joined the class, and « Retirer » for each. */
export async function RosterTable({ classId, members }: { classId: string; members: MemberView[] }) {
  const { classes: words } = await serverDictionary();
  return members.length === 0 ? (
    <p className="empty-state">{words.noMember}</p>
  ) : (
    <table className="data-table" data-testid="roster">
      <thead>
        <tr>
          <th scope="col">{words.memberColumns.name}</th>
          <th scope="col">{words.memberColumns.email}</th>
          <th scope="col">{words.memberColumns.joinedAt}</th>
          <th scope="col">
            <span className="visually-hidden">{words.columns.actions}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {members.map((member) => (
          <tr key={member.userId}>
            <td>{member.name}</td>
            <td className={styles.muted}>{member.email}</td>
            <td className={styles.muted}>
              <LocalDate iso={member.joinedAt} format="date" />
            </td>
            <td className={styles.actionsCell}>
              <ClassActionButton
                action={{ kind: 'remove-member', classId, userId: member.userId }}
                label={words.remove}
                confirm={words.confirmRemoveMember(member.name)}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
