'use client';

import { useState } from 'react';
import { ROLES, type Role } from '@/server/auth/roles';
import { CopyButton } from '../../_components/copy-button';
import { InlineError } from '../../_components/inline-error';
import { useDictionary } from '../../_i18n/locale-provider';
import { useApiAction } from '../../_lib/use-api-action';
import { adminApi } from '../_lib/admin-api';
import styles from './user-controls.module.css';

export function RoleSelect({ userId, name, role, self }: { userId: string; name: string; role: Role; self: boolean }) {
  const { admin: words, roles } = useDictionary();
  const { busy, error, run } = useApiAction();
  return (
    <span className={styles.control}>
      <select
        className={`input ${styles.select}`}
        aria-label={words.roleOf(name)}
        value={role}
        disabled={busy || self}
        title={self ? words.ownRole : undefined}
        onChange={(event) => void run(() => adminApi.setRole(userId, event.target.value as Role))}
      >
        {ROLES.map((option) => (
          <option key={option} value={option}>
            {roles[option]}
          </option>
        ))}
      </select>
      <InlineError error={error} />
    </span>
  );
}

export function DisableButton({ userId, name, disabled, self }: { userId: string; name: string; disabled: boolean; self: boolean }) {
  const { admin: words } = useDictionary();
  const { busy, error, run } = useApiAction();
  const toggle = () => {
    const question = disabled ? words.confirmEnable(name) : words.confirmDisable(name);
    if (!window.confirm(question)) return;
    void run(() => adminApi.setDisabled(userId, !disabled));
  };
  if (self) return <span className={styles.self}>{words.you}</span>;
  return (
    <span className={styles.control}>
      <button type="button" className={`button button--small ${disabled ? 'button--secondary' : 'button--danger'}`} disabled={busy} onClick={toggle}>
        {disabled ? words.enable : words.disable}
      </button>
      <InlineError error={error} />
    </span>
  );
}

/** « Nouveau mot de passe » for someone who forgot theirs: a provisional one, shown here once. */
export function ResetPasswordButton({ userId, name, self }: { userId: string; name: string; self: boolean }) {
  const { admin: words, copyButton } = useDictionary();
  const { busy, error, run } = useApiAction();
  const [password, setPassword] = useState<string | null>(null);
  const reset = () => {
    if (!window.confirm(words.confirmResetPassword(name))) return;
    void run(async () => setPassword((await adminApi.resetPassword(userId)).password));
  };
  if (self) return <span className={styles.self}>{words.ownPassword}</span>;
  return (
    <span className={styles.control}>
      {password === null ? (
        <button type="button" className="button button--small button--secondary" disabled={busy} onClick={reset}>
          {words.newPassword}
        </button>
      ) : (
        <>
          <input className={`input ${styles.password}`} value={password} readOnly aria-label={words.provisionalOf(name)} onFocus={(event) => event.currentTarget.select()} />
          <CopyButton text={password} label={copyButton.copy} />
          <span className={styles.hint}>{words.shownOnce}</span>
        </>
      )}
      <InlineError error={error} />
    </span>
  );
}
