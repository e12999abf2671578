'use client';

import { useId, useState } from 'react';
import type { SessionView } from '@/server/sessions/session-view';
import { useDictionary } from '../../../_i18n/locale-provider';
import { EXPIRY_WARNING_MS, formatRemaining } from '../_lib/countdown';
import styles from './session-controls.module.css';

interface SessionControlsProps {
  session: SessionView;
  /** Milliseconds left before the machine is deleted. */
  remaining: number;
  /** A request on the whole session in flight: every control waits for it. */
  busy: 'ending' | 'pausing' | 'restoring' | null;
  onExtend(): Promise<void>;
  /** Absent where the operator turned pausing off. */
  onPause?: () => void;
  onReset(): void;
  onEnd(): void;
}

export function isAtMaximum(session: SessionView): boolean {
  return Date.parse(session.expiresAt) >= Date.parse(session.maxExpiresAt);
}

/** The header's session controls: time left, « Prolonger », « Mettre en pause », « Réinitialiser », « Terminer ». */
export function SessionControls({ session, remaining, busy, onExtend, onPause, onReset, onEnd }: SessionControlsProps) {
  const words = useDictionary().lab.session;
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
            {words.remaining} <strong>{formatRemaining(remaining)}</strong>
          </>
        ) : (
          <strong>{words.timeUp}</strong>
        )}
      </p>
      <div className={styles.extend}>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => void handleExtend()}
          disabled={atMax || extending || busy !== null}
          aria-describedby={atMax ? whyDisabled : undefined}
          title={atMax ? undefined : words.extendTitle}
        >
          {extending ? words.extending : words.extend}
        </button>
        {atMax && (
          <span id={whyDisabled} className={styles.maxNote}>
            {words.atMaximum}
          </span>
        )}
      </div>
      {onPause && (
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={onPause}
          disabled={busy !== null}
          title={words.pauseTitle}
        >
          {busy === 'pausing' && <span className="spinner" aria-hidden="true" />}
          {busy === 'pausing' ? words.pausing : words.pause}
        </button>
      )}
      <button type="button" className="button button--secondary button--small" onClick={onReset} disabled={busy !== null}>
        {words.reset}
      </button>
      <button type="button" className="button button--danger button--small" onClick={onEnd} disabled={busy !== null}>
        {busy === 'ending' ? words.ending : words.end}
      </button>
    </div>
  );
}

/** Shown in the last minutes, so that nobody loses their machine by surprise. */
export function ExpiryWarning({ session }: { session: SessionView }) {
  const words = useDictionary().lab.session;
  return (
    <div className={styles.warning} role="alert" data-testid="expiry-warning">
      <strong>{words.warningTitle}</strong>{' '}
      {isAtMaximum(session) ? words.warningAtMaximum : words.warningExtend}
    </div>
  );
}
