import styles from './site-footer.module.css';

export function SiteFooter() {
  return (
    <footer className={styles.footer}>
      <div className={`container ${styles.inner}`}>
        <p>
          <strong>Dockyard</strong> — une plateforme libre et auto-hébergeable pour apprendre les conteneurs.
        </p>
        <p className={styles.muted}>Contenus en français · Fonctionne hors ligne</p>
      </div>
    </footer>
  );
}
