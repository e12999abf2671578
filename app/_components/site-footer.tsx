import Link from 'next/link';
import { serverDictionary } from '../_i18n/server-locale';
import styles from './site-footer.module.css';

export async function SiteFooter() {
  const { site } = await serverDictionary();
  return (
    <footer className={styles.footer}>
      <div className={`container ${styles.inner}`}>
        <p>
          <strong>Dockyard</strong> — {site.footerTagline}
        </p>
        <p className={styles.muted}>
          {site.footerNote} · <Link href="/images">{site.imagesLink}</Link> · <Link href="/confidentialite">{site.privacyLink}</Link>
        </p>
      </div>
    </footer>
  );
}
