import Link from 'next/link';
import { serverDictionary } from './_i18n/server-locale';
import styles from './status-page.module.css';

export default async function NotFound() {
  const { status } = await serverDictionary();
  return (
    <div className={`container ${styles.page}`} data-status-page="not-found">
      <p className={styles.code}>404</p>
      <h1>{status.notFoundTitle}</h1>
      <p>{status.notFoundText}</p>
      <Link className="button button--primary" href="/">
        {status.backHome}
      </Link>
    </div>
  );
}
