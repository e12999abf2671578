import type { LabWarning } from '@/server/content/killercoda-support';
import { serverDictionary } from '../../../_i18n/server-locale';
import styles from './lab-warnings-notice.module.css';

/**
 * For instructors and admins, above the lab: what it asks for that students will not get (a
 * missing asset, a Killercoda feature Dockyard does not do). Folded: the lab still works.
 */
export async function LabWarningsNotice({ warnings }: { warnings: LabWarning[] }) {
  const { lab } = await serverDictionary();
  return (
    <details className={styles.notice}>
      <summary>{lab.warnings.summary(warnings.length)}</summary>
      <p className={styles.staffOnly}>{lab.warnings.staffOnly}</p>
      <ul className={styles.list}>
        {warnings.map(({ field, message }) => (
          <li key={`${field} ${message}`}>
            <code>{field}</code> : {message}
          </li>
        ))}
      </ul>
    </details>
  );
}
