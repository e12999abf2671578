'use client';

import { useCallback, useRef, useState } from 'react';
import { MIN_PASSWORD_LENGTH } from '@/server/auth/account-rules';
import { ErrorAlert } from '../../_components/error-alert';
import { useDictionary } from '../../_i18n/locale-provider';
import { authApi } from '../../_lib/auth-api';
import { ApiError } from '../../_lib/request-json';
import { textOf, useFormAction } from '../../_lib/use-form-action';
import styles from '../account.module.css';

/** Current password, the new one twice; a mistyped confirmation never reaches the server. */
export function ChangePasswordForm() {
  const { accountPage: words } = useDictionary();
  const [changed, setChanged] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const change = useCallback(async (form: FormData) => {
    setChanged(false);
    const next = textOf(form, 'new-password');
    if (next !== textOf(form, 'confirm-password')) throw new ApiError(words.mismatch, 400);
    await authApi.changePassword(textOf(form, 'current-password'), next);
    formRef.current?.reset();
    setChanged(true);
  }, [words]);
  const { busy, ready, alert, dismissAlert, onSubmit } = useFormAction(change);

  return (
    <form ref={formRef} className={styles.form} onSubmit={(event) => void onSubmit(event)}>
      <div className="field">
        <label htmlFor="current-password">{words.current}</label>
        <input className="input" id="current-password" name="current-password" type="password" autoComplete="current-password" required />
      </div>
      <div className="field">
        <label htmlFor="new-password">{words.next}</label>
        <input className="input" id="new-password" name="new-password" type="password" autoComplete="new-password" minLength={MIN_PASSWORD_LENGTH} required />
      </div>
      <div className="field">
        <label htmlFor="confirm-password">{words.confirm}</label>
        <input className="input" id="confirm-password" name="confirm-password" type="password" autoComplete="new-password" minLength={MIN_PASSWORD_LENGTH} required />
      </div>
      {alert && <ErrorAlert alert={alert} onDismiss={dismissAlert} />}
      {changed && (
        <p className="badge badge--success" role="status">
          {words.changed}
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={busy || !ready}>
        {busy && <span className="spinner" aria-hidden="true" />}
        {busy ? words.changing : words.submit}
      </button>
    </form>
  );
}
