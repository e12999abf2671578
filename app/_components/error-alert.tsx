import { ApiError } from '../_lib/request-json';
import styles from './error-alert.module.css';

export interface AlertMessage {
  message: string;
  detail?: string;
}

/** The server's French message when it sent one; otherwise a generic one, with the cause as detail. */
export function alertFromError(error: unknown): AlertMessage {
  if (error instanceof ApiError) return { message: error.message, detail: error.detail };
  return { message: 'Une erreur inattendue est survenue.', detail: error instanceof Error ? error.message : String(error) };
}

export function ErrorAlert({ alert, onDismiss }: { alert: AlertMessage; onDismiss(): void }) {
  return (
    <div className={styles.alert} role="alert">
      <div>
        <p className={styles.message}>{alert.message}</p>
        {alert.detail && <p className={styles.detail}>{alert.detail}</p>}
      </div>
      <button type="button" className={styles.close} onClick={onDismiss}>
        Fermer
      </button>
    </div>
  );
}
