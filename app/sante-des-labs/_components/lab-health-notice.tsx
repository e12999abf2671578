import Link from 'next/link';
import type { SignedInUser } from '@/server/auth/caller';
import { getServices } from '@/server/services';
import { LocalDate } from '../../_components/local-date';
import { serverDictionary } from '../../_i18n/server-locale';
import styles from './lab-health-notice.module.css';

/**
 * On /admin and an instructor's /classes: « N labs échouent depuis … — voir la santé des labs »
 * when labs the reader maintains fail their nightly test, else a plain link to the page.
 * Nothing for a reader who sees no pack's health.
 */
export async function LabHealthNotice({ user }: { user: SignedInUser }) {
  const notice = await getServices().labHealth.notice(user);
  if (!notice) return null;
  const { labHealth: words } = await serverDictionary();
  if (notice.failing === 0) {
    return (
      <p className={styles.link}>
        <Link href="/sante-des-labs">{words.link}</Link> — {words.linkLead}
      </p>
    );
  }
  return (
    <p className={styles.banner} role="status" data-testid="lab-health-notice">
      <span aria-hidden="true">✗ </span>
      {words.notice(notice.failing)} {notice.since && <LocalDate iso={notice.since} />} —{' '}
      <Link href="/sante-des-labs">{words.noticeLink}</Link>
    </p>
  );
}
