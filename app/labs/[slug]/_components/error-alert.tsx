import styles from './error-alert.module.css';

export interface AlertMessage {
  message: string;
  detail?: string;
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
