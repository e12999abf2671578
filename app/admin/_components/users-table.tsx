import type { UserView } from '@/server/accounts/user-view';
import { LocalDate } from '../../_components/local-date';
import styles from '../admin.module.css';
import { DisableButton, ResetPasswordButton, RoleSelect } from './user-controls';

/** Every account (the 200 newest, or those matching the search), with its role and state to change. */
export function UsersTable({ users, currentUserId, search }: { users: UserView[]; currentUserId: string; search: string }) {
  if (users.length === 0) return <p className="empty-state">Aucun compte ne correspond à « {search} ».</p>;
  return (
    <table className="data-table" data-testid="users">
      <thead>
        <tr>
          <th scope="col">Nom</th>
          <th scope="col">E-mail</th>
          <th scope="col">Rôle</th>
          <th scope="col">Classes</th>
          <th scope="col">Inscrit le</th>
          <th scope="col">Mot de passe</th>
          <th scope="col">État</th>
        </tr>
      </thead>
      <tbody>
        {users.map((user) => {
          const self = user.id === currentUserId;
          return (
            <tr key={user.id} className={user.disabled ? styles.disabledRow : undefined} data-email={user.email}>
              <td>{user.name}</td>
              <td className={styles.muted}>{user.email}</td>
              <td>
                <RoleSelect userId={user.id} name={user.name} role={user.role} self={self} />
              </td>
              <td className={styles.muted}>
                {user.classesTaught > 0 && `${user.classesTaught} enseignée(s)`}
                {user.classesTaught > 0 && user.classesJoined > 0 && ' · '}
                {user.classesJoined > 0 && `${user.classesJoined} suivie(s)`}
                {user.classesTaught === 0 && user.classesJoined === 0 && '—'}
              </td>
              <td className={styles.muted}>
                <LocalDate iso={user.createdAt} format="date" />
              </td>
              <td>
                <ResetPasswordButton userId={user.id} name={user.name} self={self} />
              </td>
              <td>
                {user.disabled && <span className={`badge ${styles.disabledBadge}`}>Désactivé</span>}{' '}
                <DisableButton userId={user.id} name={user.name} disabled={user.disabled} self={self} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
