'use client';

import styles from './status-page.module.css';

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className={`container ${styles.page}`}>
      <p className={styles.code}>Erreur</p>
      <h1>Une erreur est survenue</h1>
      <p>La page n’a pas pu s’afficher. Réessayez ; si le problème persiste, prévenez l’équipe qui gère Dockyard.</p>
      <button type="button" className="button button--primary" onClick={reset}>
        Réessayer
      </button>
    </div>
  );
}
