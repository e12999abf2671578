'use client';

import type { ReactNode } from 'react';
import { ErrorAlert } from '../../_components/error-alert';
import { useFormAction } from '../../_lib/use-form-action';
import styles from './inline-form.module.css';

/**
 * The classes pages' one-line forms: fields, a submit button that shows it is busy, and the
 * server's refusal, in French, under them.
 */
export function InlineForm({
  action,
  submitLabel,
  spaced = false,
  variant = 'primary',
  children,
}: {
  action: (form: FormData) => Promise<void>;
  submitLabel: string;
  /** Extra room above (a form under a table). */
  spaced?: boolean;
  /** Secondary for a form that is not the page's main action. */
  variant?: 'primary' | 'secondary';
  children: ReactNode;
}) {
  const { busy, ready, alert, dismissAlert, onSubmit } = useFormAction(action);
  return (
    <form className={spaced ? `${styles.form} ${styles.spaced}` : styles.form} onSubmit={(event) => void onSubmit(event)}>
      {children}
      <button type="submit" className={`button button--${variant}`} disabled={busy || !ready}>
        {busy && <span className="spinner" aria-hidden="true" />}
        {submitLabel}
      </button>
      {alert && (
        <div className={styles.alert}>
          <ErrorAlert alert={alert} onDismiss={dismissAlert} />
        </div>
      )}
    </form>
  );
}
