import type { ReactNode } from 'react';
import styles from './auth-card.module.css';

/** The frame of the sign-in and sign-up pages: a title, why it is asked, the form, a way out. */
export function AuthCard({ title, lead, children, footer }: { title: string; lead: string; children: ReactNode; footer: ReactNode }) {
  return (
    <div className={`container ${styles.page}`}>
      <div className={styles.card}>
        <h1>{title}</h1>
        <p className={styles.lead}>{lead}</p>
        {children}
        <p className={styles.footer}>{footer}</p>
      </div>
    </div>
  );
}
