import Link from 'next/link';
import styles from './status-page.module.css';

export default function NotFound() {
  return (
    <div className={`container ${styles.page}`}>
      <p className={styles.code}>404</p>
      <h1>Page introuvable</h1>
      <p>Cette page n’existe pas, ou plus. Le cours, lui, vous attend toujours.</p>
      <Link className="button button--primary" href="/">
        Retour à l’accueil
      </Link>
    </div>
  );
}
