'use client';

import { LocalDate } from '../../_components/local-date';
import { useDictionary } from '../../_i18n/locale-provider';
import { deadlineState } from '../_lib/deadline';
import styles from './deadline.module.css';

/** « À rendre avant le ven. 12 mars 2027 à 18:00 », in orange when close, red when past. */
export function Deadline({ dueAt }: { dueAt: string | null }) {
  const words = useDictionary().classes.deadline;
  const state = deadlineState(dueAt, new Date());
  if (!dueAt || state === 'none') return <span className={styles.none}>{words.none}</span>;
  return (
    <span className={`${styles.deadline} ${styles[state]}`} data-deadline={state} suppressHydrationWarning>
      {words[state]} <LocalDate iso={dueAt} />
    </span>
  );
}
