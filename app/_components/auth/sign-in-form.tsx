'use client';

import { useCallback } from 'react';
import { useDictionary } from '../../_i18n/locale-provider';
import { authApi } from '../../_lib/auth-api';
import { AFTER_SIGN_IN } from '../../_lib/return-path';
import { textOf, useFormAction } from '../../_lib/use-form-action';
import { ErrorAlert } from '../error-alert';
import styles from './auth-card.module.css';

/** E-mail and password; on success, a full load of where the student was going (the header follows). */
export function SignInForm({ returnTo }: { returnTo: string | null }) {
  const { auth, account } = useDictionary();
  const signIn = useCallback(
    async (form: FormData) => {
      await authApi.signIn(textOf(form, 'email'), textOf(form, 'password'));
      window.location.assign(returnTo ?? AFTER_SIGN_IN);
    },
    [returnTo],
  );
  const { busy, ready, alert, dismissAlert, onSubmit } = useFormAction(signIn);

  return (
    <form className={styles.form} onSubmit={(event) => void onSubmit(event)}>
      <div className="field">
        <label htmlFor="email">{auth.email}</label>
        <input className="input" id="email" name="email" type="email" autoComplete="email" required autoFocus />
      </div>
      <div className="field">
        <label htmlFor="password">{auth.password}</label>
        <input className="input" id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      {alert && <ErrorAlert alert={alert} onDismiss={dismissAlert} />}
      <button type="submit" className="button button--primary" disabled={busy || !ready}>
        {busy && <span className="spinner" aria-hidden="true" />}
        {busy ? auth.signingIn : account.signIn}
      </button>
    </form>
  );
}
