'use client';

import type { Dictionary } from '../_i18n/fr';
import { useDictionary } from '../_i18n/locale-provider';
import { ApiError } from '../_lib/request-json';
import styles from './error-alert.module.css';

export interface AlertMessage {
  message: string;
  detail?: string;
}

/**
 * The server's message when it sent one (French: the server speaks the course's language);
 * otherwise the UI's own, in the reader's language, with the cause as detail.
 */
export function alertFromError(error: unknown, errors: Dictionary['errors']): AlertMessage {
  if (error instanceof ApiError) {
    if (error.localFailure === 'unreachable') return { message: errors.unreachable };
    if (error.localFailure === 'bad-status') return { message: errors.badStatus(error.status) };
    return { message: error.message, detail: error.detail };
  }
  return { message: errors.unexpected, detail: error instanceof Error ? error.message : String(error) };
}

export function ErrorAlert({ alert, onDismiss }: { alert: AlertMessage; onDismiss(): void }) {
  const { errors } = useDictionary();
  return (
    <div className={styles.alert} role="alert">
      <div>
        <p className={styles.message}>{alert.message}</p>
        {alert.detail && <p className={styles.detail}>{alert.detail}</p>}
      </div>
      <button type="button" className={styles.close} onClick={onDismiss}>
        {errors.dismiss}
      </button>
    </div>
  );
}
