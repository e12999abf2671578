import type { UserView } from '@/server/accounts/user-view';
import { LocalDate } from '../../_components/local-date';
import { serverDictionary } from '../../_i18n/server-locale';
import styles from '../admin.module.css';
import { DisableButton, ResetPasswordButton, RoleSelect } from './user-controls';

/** Every account (the 200 newest, or those matching the search), with its role and state to change. */
export async function UsersTable({ users, currentUserId, search }: { users: UserView[]; currentUserId: string; search: string }) {
  const { admin: words, classes } = await serverDictionary();
  if (users.length === 0) return <p className="empty-state">{words.noUser(search)}</p>;
  return (
    <table className="data-table" data-testid="users">
      <thead>
        <tr>
          <th scope="col">{classes.memberColumns.name}</th>
          <th scope="col">{classes.memberColumns.email}</th>
          <th scope="col">{words.userColumns.role}</th>
          <th scope="col">{words.userColumns.classes}</th>
          <th scope="col">{words.userColumns.createdOn}</th>
          <th scope="col">{words.userColumns.password}</th>
          <th scope="col">{words.userColumns.state}</th>
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
                {user.classesTaught > 0 && words.taught(user.classesTaught)}
                {user.classesTaught > 0 && user.classesJoined > 0 && ' · '}
                {user.classesJoined > 0 && words.joined(user.classesJoined)}
                {user.classesTaught === 0 && user.classesJoined === 0 && '—'}
              </td>
              <td className={styles.muted}>
                <LocalDate iso={user.createdAt} format="date" />
              </td>
              <td>
                <ResetPasswordButton userId={user.id} name={user.name} self={self} />
              </td>
              <td>
                {user.disabled && <span className={`badge ${styles.disabledBadge}`}>{words.disabled}</span>}{' '}
                <DisableButton userId={user.id} name={user.name} disabled={user.disabled} self={self} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
