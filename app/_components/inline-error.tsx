import styles from './inline-error.module.css';

/** A refusal shown right beside the control that caused it (table rows have no room for an alert). */
export function InlineError({ error }: { error: string | null }) {
  return error ? (
    <span className={styles.error} role="alert">
      {error}
    </span>
  ) : null;
}
