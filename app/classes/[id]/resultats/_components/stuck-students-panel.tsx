'use client';

import Link from 'next/link';
import type { StuckFlagView } from '@/server/progress/stuck-student-finder';
import { useDictionary } from '../../../../_i18n/locale-provider';
import { liveViewHref, recordingHref } from '../_lib/session-links';
import { stuckLabel } from '../_lib/stuck-label';
import { useNewAlerts } from '../_lib/use-new-alerts';
import styles from './stuck-students-panel.module.css';

/**
 * « Élèves en difficulté »: the flags of the dashboard's last poll (rules in
 * server/progress/stuck-students.ts), each with the student's live terminal and the
 * recording of the session. New flags are announced politely, once.
 */
export function StuckStudentsPanel({ classId, flags }: { classId: string; flags: StuckFlagView[] }) {
  const { results } = useDictionary();
  const words = results.stuck;
  const announcement = useNewAlerts(flags, (fresh) =>
    words.announce(fresh.map((flag) => `${flag.studentName}, ${flag.labTitle}, ${stuckLabel(words, flag)}`).join(' ; ')),
  );

  return (
    <section className={`panel ${styles.panel}`} aria-labelledby="eleves-en-difficulte" data-testid="stuck-students">
      <h2 id="eleves-en-difficulte">{words.title}</h2>
      <p className="panel-lead">{words.lead}</p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {flags.length === 0 ? (
        <p className="empty-state">{words.none}</p>
      ) : (
        <ul className={styles.list}>
          {flags.map((flag) => (
            <li key={flag.key} className={styles.flag} data-testid="stuck-flag">
              <span>
                <strong>{flag.studentName}</strong> — {flag.labTitle} : {stuckLabel(words, flag)}
                {!flag.running && ` (${words.paused})`}
              </span>
              <span className={styles.actions}>
                {flag.running && (
                  <Link className="button button--primary button--small" href={liveViewHref(classId, flag.sessionId)} aria-label={words.watchLiveOf(flag.studentName)}>
                    {words.watchLive}
                  </Link>
                )}
                <Link className="button button--secondary button--small" href={recordingHref(classId, flag.sessionId)} aria-label={words.recordingOf(flag.studentName)}>
                  {words.recording}
                </Link>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
