import type { MemberView } from '@/server/classes/class-views';
import { LocalDate } from '../../../_components/local-date';
import { ClassActionButton } from '../../_components/class-action-button';
import styles from '../class-page.module.css';

/** Who joined the class, and « Retirer » for each. */
export function RosterTable({ classId, members }: { classId: string; members: MemberView[] }) {
  return members.length === 0 ? (
    <p className="empty-state">Personne n’a encore rejoint la classe : partagez son code ou son lien.</p>
  ) : (
    <table className="data-table" data-testid="roster">
      <thead>
        <tr>
          <th scope="col">Nom</th>
          <th scope="col">E-mail</th>
          <th scope="col">Arrivé le</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
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
                label="Retirer"
                confirm={`Retirer ${member.name} de la classe ? Ses labs restent à son compte ; il lui faudra le code pour revenir.`}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
