'use client';

import { InlineError } from '../../_components/inline-error';
import { useApiAction } from '../../_lib/use-api-action';
import { classesApi } from '../_lib/classes-api';
import styles from './class-action-button.module.css';

/** The one-click actions of the class pages; plain data, so server components can place them. */
export type ClassAction =
  | { kind: 'remove-member'; classId: string; userId: string }
  | { kind: 'unassign'; classId: string; assignmentId: string }
  | { kind: 'renew-code'; classId: string }
  | { kind: 'delete-class'; classId: string }
  | { kind: 'leave-class'; classId: string }
  | { kind: 'revoke-token'; classId: string; tokenId: string }
  | { kind: 'restore-step'; classId: string; sessionId: string; step: number };

function runAction(action: ClassAction): Promise<unknown> {
  switch (action.kind) {
    case 'remove-member':
      return classesApi.removeMember(action.classId, action.userId);
    case 'unassign':
      return classesApi.unassign(action.classId, action.assignmentId);
    case 'renew-code':
      return classesApi.renewCode(action.classId);
    case 'delete-class':
      return classesApi.remove(action.classId);
    case 'leave-class':
      return classesApi.leave(action.classId);
    case 'revoke-token':
      return classesApi.revokeToken(action.classId, action.tokenId);
    case 'restore-step':
      return classesApi.restoreStep(action.classId, action.sessionId, action.step);
  }
}

interface ClassActionButtonProps {
  action: ClassAction;
  label: string;
  /** Asked first; the action runs only if the person confirms. */
  confirm?: string;
  variant?: 'secondary' | 'danger';
  /** Where to go once done; by default the page reloads its data. */
  thenGoTo?: string;
}

export function ClassActionButton({ action, label, confirm, variant = 'secondary', thenGoTo }: ClassActionButtonProps) {
  const { busy, error, run } = useApiAction();
  const onClick = () => {
    if (confirm && !window.confirm(confirm)) return;
    void run(() => runAction(action), thenGoTo);
  };

  return (
    <span className={styles.wrapper}>
      <button type="button" className={`button button--small button--${variant}`} onClick={onClick} disabled={busy}>
        {busy && <span className="spinner" aria-hidden="true" />}
        {label}
      </button>
      <InlineError error={error} />
    </span>
  );
}
