import Link from 'next/link';
import { serverDictionary } from '../../../_i18n/server-locale';
import statusStyles from '../../../status-page.module.css';
import styles from './lab-unavailable.module.css';

/**
 * The page of a lab that cannot load, instead of an error page: students learn it is not
 * their fault and where to go; instructors and admins also get the reason (`reason`, null for
 * students), which names the file to fix.
 */
export async function LabUnavailable({ reason }: { reason: string | null }) {
  const { lab } = await serverDictionary();
  const words = lab.unavailable;
  return (
    <div className={`container ${statusStyles.page}`}>
      <h1>{words.title}</h1>
      <p>{words.text}</p>
      {reason !== null && (
        <section className={styles.reason} aria-labelledby="raison-titre">
          <h2 id="raison-titre">{words.reasonTitle}</h2>
          <p className={styles.staffOnly}>{words.staffOnly}</p>
          <pre className={styles.message}>{reason}</pre>
          <p className={styles.fixHint}>{words.fixHint}</p>
        </section>
      )}
      <Link className="button button--primary" href="/#programme">
        {words.otherLabs}
      </Link>
    </div>
  );
}
