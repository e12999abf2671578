'use client';

import { useCallback } from 'react';
import { MAX_NAME_LENGTH, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '@/server/auth/account-rules';
import { useDictionary } from '../../_i18n/locale-provider';
import { authApi } from '../../_lib/auth-api';
import { AFTER_SIGN_IN } from '../../_lib/return-path';
import { textOf, useFormAction } from '../../_lib/use-form-action';
import { ErrorAlert } from '../error-alert';
import styles from './auth-card.module.css';

/** Name, e-mail, password: the new account is a student's, signed in at once. */
export function SignUpForm({ returnTo }: { returnTo: string | null }) {
  const { auth } = useDictionary();
  const signUp = useCallback(
    async (form: FormData) => {
      await authApi.signUp(textOf(form, 'name').trim(), textOf(form, 'email'), textOf(form, 'password'));
      window.location.assign(returnTo ?? AFTER_SIGN_IN);
    },
    [returnTo],
  );
  const { busy, ready, alert, dismissAlert, onSubmit } = useFormAction(signUp);

  return (
    <form className={styles.form} onSubmit={(event) => void onSubmit(event)}>
      <div className="field">
        <label htmlFor="name">{auth.name}</label>
        <input className="input" id="name" name="name" autoComplete="name" required maxLength={MAX_NAME_LENGTH} autoFocus />
        <p className="field-hint">{auth.nameHint}</p>
      </div>
      <div className="field">
        <label htmlFor="email">{auth.email}</label>
        <input className="input" id="email" name="email" type="email" autoComplete="email" required />
      </div>
      <div className="field">
        <label htmlFor="password">{auth.password}</label>
        <input
          className="input"
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          maxLength={MAX_PASSWORD_LENGTH}
          aria-describedby="password-hint"
        />
        <p className="field-hint" id="password-hint">
          {auth.passwordHint(MIN_PASSWORD_LENGTH)}
        </p>
      </div>
      {alert && <ErrorAlert alert={alert} onDismiss={dismissAlert} />}
      <button type="submit" className="button button--primary" disabled={busy || !ready}>
        {busy && <span className="spinner" aria-hidden="true" />}
        {busy ? auth.signingUp : auth.signUpSubmit}
      </button>
    </form>
  );
}
