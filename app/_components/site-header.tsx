import Link from 'next/link';
import { AccountMenu } from './account-menu';
import styles from './site-header.module.css';

export function SiteHeader() {
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
        <nav aria-label="Navigation principale" className={styles.navigation}>
          <ul className={styles.nav}>
            <li>
              <Link href="/#programme">Cours</Link>
            </li>
          </ul>
          <AccountMenu />
        </nav>
      </div>
    </header>
  );
}
