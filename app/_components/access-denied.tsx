import Link from 'next/link';
import { serverDictionary } from '../_i18n/server-locale';
import styles from '../status-page.module.css';

/** A signed-in user whose role does not open this page: what it is for, and who can help. */
export async function AccessDenied({ title, message }: { title: string; message: string }) {
  const { status } = await serverDictionary();
  return (
    <div className={`container ${styles.page}`}>
      <p className={styles.code}>403</p>
      <h1>{title}</h1>
      <p>{message}</p>
      <Link className="button button--primary" href="/classes">
        {status.backToClasses}
      </Link>
    </div>
  );
}
