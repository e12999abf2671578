'use client';

import { LocalDate } from '../../_components/local-date';
import { deadlineState } from '../_lib/deadline';
import styles from './deadline.module.css';

const WORDS = { later: 'À rendre avant le', soon: 'Bientôt : avant le', past: 'Échéance dépassée depuis le' } as const;

/** « À rendre avant le ven. 12 mars 2027 à 18:00 », in orange when close, red when past. */
export function Deadline({ dueAt }: { dueAt: string | null }) {
  const state = deadlineState(dueAt, new Date());
  if (!dueAt || state === 'none') return <span className={styles.none}>Sans échéance</span>;
  return (
    <span className={`${styles.deadline} ${styles[state]}`} data-deadline={state} suppressHydrationWarning>
      {WORDS[state]} <LocalDate iso={dueAt} />
    </span>
  );
}
