'use client';

import { useCallback } from 'react';
import { MAX_NAME_LENGTH, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '@/server/auth/account-rules';
import { authApi } from '../../_lib/auth-api';
import { AFTER_SIGN_IN } from '../../_lib/return-path';
import { textOf, useFormAction } from '../../_lib/use-form-action';
import { ErrorAlert } from '../error-alert';
import styles from './auth-card.module.css';

/** Name, e-mail, password: the new account is a student's, signed in at once. */
export function SignUpForm({ returnTo }: { returnTo: string | null }) {
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
        <label htmlFor="name">Nom</label>
        <input className="input" id="name" name="name" autoComplete="name" required maxLength={MAX_NAME_LENGTH} autoFocus />
        <p className="field-hint">Votre enseignant le verra dans la liste de sa classe.</p>
      </div>
      <div className="field">
        <label htmlFor="email">Adresse e-mail</label>
        <input className="input" id="email" name="email" type="email" autoComplete="email" required />
      </div>
      <div className="field">
        <label htmlFor="password">Mot de passe</label>
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
          Au moins {MIN_PASSWORD_LENGTH} caractères.
        </p>
      </div>
      {alert && <ErrorAlert alert={alert} onDismiss={dismissAlert} />}
      <button type="submit" className="button button--primary" disabled={busy || !ready}>
        {busy && <span className="spinner" aria-hidden="true" />}
        {busy ? 'Création du compte…' : 'Créer mon compte'}
      </button>
    </form>
  );
}
