'use client';

import { useState } from 'react';
import { ConfirmDialog } from '../../../_components/confirm-dialog';
import { useDictionary } from '../../../_i18n/locale-provider';
import styles from './step-restore.module.css';

interface StepRestoreProps {
  /** 1-based, as the student reads it. */
  stepNumber: number;
  /** The lab runs and nothing else is under way. */
  enabled: boolean;
  onRestore(): void;
}

/**
 * « Revenir à l'étape N » under a step passed in this session: the machines as they were
 * then, after a confirmation that says what is lost.
 */
export function StepRestore({ stepNumber, enabled, onRestore }: StepRestoreProps) {
  const words = useDictionary().lab.restore;
  const [confirming, setConfirming] = useState(false);

  return (
    <div className={styles.restore}>
      <p className={styles.explain}>{words.explain}</p>
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={() => setConfirming(true)}
        disabled={!enabled}
        aria-haspopup="dialog"
      >
        <UndoIcon /> {words.button(stepNumber)}
      </button>
      {confirming && (
        <ConfirmDialog
          title={words.confirmTitle(stepNumber)}
          confirmLabel={words.button(stepNumber)}
          cancelLabel={words.cancel}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            onRestore();
          }}
        >
          <p>{words.confirmText(stepNumber)}</p>
          <p>
            <strong>{words.confirmLoss}</strong>
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}

function UndoIcon() {
  return (
    <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
      <path d="M12.5 8c-2.65 0-5.05 1-6.9 2.6L2 7v9h9l-3.62-3.62A7.96 7.96 0 0 1 12.5 10.5c3.54 0 6.55 2.31 7.6 5.5l2.37-.78C21.08 11.03 17.15 8 12.5 8Z" fill="currentColor" />
    </svg>
  );
}
