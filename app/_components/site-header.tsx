import Link from 'next/link';
import { LocaleSwitch } from '../_i18n/locale-switch';
import { serverDictionary } from '../_i18n/server-locale';
import { AccountMenu } from './account-menu';
import styles from './site-header.module.css';

export async function SiteHeader() {
  const { site } = await serverDictionary();
  return (
    <header className={styles.header}>
      <div className={`container ${styles.inner}`}>
        <Link href="/" className={styles.brand}>
          {/* Drawn in CSS, not SVG: the only SVG on a lesson page should be its diagram. */}
          <span className={styles.mark} aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          Dockyard
        </Link>
        <nav aria-label={site.mainNavigation} className={styles.navigation}>
          <ul className={styles.nav}>
            <li>
              <Link href="/#programme">{site.course}</Link>
            </li>
          </ul>
          <AccountMenu />
          <span className={styles.locale}>
            <LocaleSwitch />
          </span>
        </nav>
      </div>
    </header>
  );
}
