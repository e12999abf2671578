'use client';

import { useId, useState } from 'react';
import type { SessionView } from '@/server/sessions/session-view';
import { EXPIRY_WARNING_MS, formatRemaining } from '../_lib/countdown';
import styles from './session-controls.module.css';

interface SessionControlsProps {
  session: SessionView;
  /** Milliseconds left before the machine is deleted. */
  remaining: number;
  ending: boolean;
  onExtend(): Promise<void>;
  onReset(): void;
  onEnd(): void;
}

export function isAtMaximum(session: SessionView): boolean {
  return Date.parse(session.expiresAt) >= Date.parse(session.maxExpiresAt);
}

/** The header's session controls: time left, « Prolonger », « Réinitialiser », « Terminer ». */
export function SessionControls({ session, remaining, ending, onExtend, onReset, onEnd }: SessionControlsProps) {
  const [extending, setExtending] = useState(false);
  const atMax = isAtMaximum(session);
  const whyDisabled = useId();
  const soon = remaining <= EXPIRY_WARNING_MS;

  const handleExtend = async () => {
    setExtending(true);
    try {
      await onExtend();
    } finally {
      setExtending(false);
    }
  };

  return (
    <div className={styles.controls}>
      <p className={soon ? `${styles.timer} ${styles.timerSoon}` : styles.timer} role="timer" data-testid="session-timer">
        {remaining > 0 ? (
          <>
            Temps restant : <strong>{formatRemaining(remaining)}</strong>
          </>
        ) : (
          <strong>Temps écoulé</strong>
        )}
      </p>
      <div className={styles.extend}>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => void handleExtend()}
          disabled={atMax || extending || ending}
          aria-describedby={atMax ? whyDisabled : undefined}
          title={atMax ? undefined : 'Repousser la suppression de votre machine'}
        >
          {extending ? 'Prolongation…' : 'Prolonger'}
        </button>
        {atMax && (
          <span id={whyDisabled} className={styles.maxNote}>
            Durée maximale atteinte
          </span>
        )}
      </div>
      <button type="button" className="button button--secondary button--small" onClick={onReset} disabled={ending}>
        Réinitialiser
      </button>
      <button type="button" className="button button--danger button--small" onClick={onEnd} disabled={ending}>
        {ending ? 'Arrêt en cours…' : 'Terminer le lab'}
      </button>
    </div>
  );
}

/** Shown in the last minutes, so that nobody loses their machine by surprise. */
export function ExpiryWarning({ session }: { session: SessionView }) {
  return (
    <div className={styles.warning} role="alert" data-testid="expiry-warning">
      <strong>Moins de 5 minutes restantes.</strong>{' '}
      {isAtMaximum(session)
        ? 'Ce lab a atteint sa durée maximale : votre machine sera bientôt supprimée. Notez ce que vous voulez garder.'
        : 'Prolongez le lab, sinon votre machine et tout ce qu’elle contient seront supprimés.'}
    </div>
  );
}
