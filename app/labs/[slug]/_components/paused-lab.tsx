'use client';

import Link from 'next/link';
import { useEffect, useRef } from 'react';
import type { PausedStorage } from '@/server/sessions/session-pauses';
import type { SessionView } from '@/server/sessions/session-view';
import { useDictionary } from '../../../_i18n/locale-provider';
import { formatStorage } from '../../../_lib/format-storage';
import { useMomentWords } from '../../../_lib/use-moment-words';
import type { PausedNotice } from '../_lib/lab-session-state';
import styles from './paused-lab.module.css';

interface PausedLabProps {
  session: SessionView;
  /** What the student's paused labs hold against their quota (null until known). */
  storage: PausedStorage | null;
  /** Why it was paused, when not by this tab's « Mettre en pause ». */
  notice: PausedNotice | null;
  busy: 'resuming' | 'ending' | null;
  /** The lab was paused while the page showed it: focus comes here (its buttons went with the terminal). */
  takeFocus: boolean;
  onResume(): void;
  onEnd(): void;
}

/**
 * The sandbox panel of a paused lab: since when, until when it is kept (and why: its
 * retention, or the student's storage quota, which is an alert), « Reprendre », « Terminer ».
 */
export function PausedLab({ session, storage, notice, busy, takeFocus, onResume, onEnd }: PausedLabProps) {
  const { lab, storage: units, intlLocale } = useDictionary();
  const words = lab.paused;
  const when = useMomentWords();
  const size = (mib: number) => formatStorage(mib, units, intlLocale);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (takeFocus) headingRef.current?.focus();
  }, [takeFocus]);

  return (
    <div className={styles.paused} data-testid="paused-lab">
      <h2 ref={headingRef} tabIndex={-1} className={styles.title}>
        <PauseIcon /> {words.title}
      </h2>
      {notice && (
        <p className={styles.notice} role="status">
          {notice.kind === 'time-up' ? words.timeUp : notice.message}
        </p>
      )}
      {session.pausedAt && <p className={styles.since}>{words.since(when.moment(session.pausedAt))}</p>}
      <p className={styles.text}>{words.text}</p>

      {session.keepUntil && session.keepReason === 'quota' && (
        <div className={styles.quota} role="alert">
          <p>
            <strong>{words.quotaTitle}</strong> {words.quotaWarning(when.moment(session.keepUntil))}
          </p>
          <Link href="/#programme">{words.otherLabs}</Link>
        </div>
      )}
      {session.keepUntil && session.keepReason !== 'quota' && <p className={styles.text}>{words.keptUntil(when.day(session.keepUntil))}</p>}
      {storage && <p className={styles.storage}>{words.storageUse(size(storage.usedMiB), size(storage.quotaMiB))}</p>}

      <div className={styles.actions}>
        <button type="button" className="button button--primary" onClick={onResume} disabled={busy !== null}>
          {busy === 'resuming' && <span className="spinner" aria-hidden="true" />}
          {busy === 'resuming' ? words.resuming : words.resume}
        </button>
        <button type="button" className="button button--danger" onClick={onEnd} disabled={busy !== null}>
          {busy === 'ending' ? lab.session.ending : lab.session.end}
        </button>
      </div>
      <p className={styles.progress} role="status">
        {busy === 'resuming' ? words.resumingDetail : ''}
      </p>
    </div>
  );
}

/** Drawn, not an emoji: the machines Dockyard runs on often have no emoji font. */
function PauseIcon() {
  return (
    <svg className={styles.icon} viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
      <path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm-2 6h1.5v8H10V8Zm3.5 0H15v8h-1.5V8Z" fill="currentColor" />
    </svg>
  );
}
