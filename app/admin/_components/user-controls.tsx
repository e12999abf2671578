'use client';

import { useState } from 'react';
import { ROLE_LABELS, ROLES, type Role } from '@/server/auth/roles';
import { CopyButton } from '../../_components/copy-button';
import { InlineError } from '../../_components/inline-error';
import { useApiAction } from '../../_lib/use-api-action';
import { adminApi } from '../_lib/admin-api';
import styles from './user-controls.module.css';

export function RoleSelect({ userId, name, role, self }: { userId: string; name: string; role: Role; self: boolean }) {
  const { busy, error, run } = useApiAction();
  return (
    <span className={styles.control}>
      <select
        className={`input ${styles.select}`}
        aria-label={`Rôle de ${name}`}
        value={role}
        disabled={busy || self}
        title={self ? 'Votre propre rôle se change par un autre administrateur.' : undefined}
        onChange={(event) => void run(() => adminApi.setRole(userId, event.target.value as Role))}
      >
        {ROLES.map((option) => (
          <option key={option} value={option}>
            {ROLE_LABELS[option]}
          </option>
        ))}
      </select>
      <InlineError error={error} />
    </span>
  );
}

export function DisableButton({ userId, name, disabled, self }: { userId: string; name: string; disabled: boolean; self: boolean }) {
  const { busy, error, run } = useApiAction();
  const toggle = () => {
    const question = disabled
      ? `Réactiver le compte de ${name} ? Il pourra de nouveau se connecter.`
      : `Désactiver le compte de ${name} ? Il sera déconnecté partout, ses labs en cours seront arrêtés, et il ne pourra plus se connecter.`;
    if (!window.confirm(question)) return;
    void run(() => adminApi.setDisabled(userId, !disabled));
  };
  if (self) return <span className={styles.self}>Vous</span>;
  return (
    <span className={styles.control}>
      <button type="button" className={`button button--small ${disabled ? 'button--secondary' : 'button--danger'}`} disabled={busy} onClick={toggle}>
        {disabled ? 'Réactiver' : 'Désactiver'}
      </button>
      <InlineError error={error} />
    </span>
  );
}

/** « Nouveau mot de passe » for someone who forgot theirs: a provisional one, shown here once. */
export function ResetPasswordButton({ userId, name, self }: { userId: string; name: string; self: boolean }) {
  const { busy, error, run } = useApiAction();
  const [password, setPassword] = useState<string | null>(null);
  const reset = () => {
    const question = `Donner un nouveau mot de passe provisoire à ${name} ? L’ancien ne marchera plus et ${name} sera déconnecté partout.`;
    if (!window.confirm(question)) return;
    void run(async () => setPassword((await adminApi.resetPassword(userId)).password));
  };
  if (self) return <span className={styles.self}>Dans « Mon compte »</span>;
  return (
    <span className={styles.control}>
      {password === null ? (
        <button type="button" className="button button--small button--secondary" disabled={busy} onClick={reset}>
          Nouveau mot de passe
        </button>
      ) : (
        <>
          <input className={`input ${styles.password}`} value={password} readOnly aria-label={`Mot de passe provisoire de ${name}`} onFocus={(event) => event.currentTarget.select()} />
          <CopyButton text={password} label="Copier" />
          <span className={styles.hint}>Affiché une seule fois : transmettez-le, il pourra le changer dans « Mon compte ».</span>
        </>
      )}
      <InlineError error={error} />
    </span>
  );
}
