'use client';

import { useDictionary } from './_i18n/locale-provider';
import styles from './status-page.module.css';

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const { status } = useDictionary();
  return (
    <div className={`container ${styles.page}`} data-status-page="error">
      <p className={styles.code}>{status.errorCode}</p>
      <h1>{status.errorTitle}</h1>
      <p>{status.errorText}</p>
      <button type="button" className="button button--primary" onClick={reset}>
        {status.retry}
      </button>
    </div>
  );
}
