import styles from './hero-terminal.module.css';

/** A static picture of a lab terminal for the home page (plain markup, no xterm). */
export function HeroTerminal({ greeting }: { greeting: string }) {
  return (
    <div className={styles.window} aria-hidden="true">
      <div className={styles.bar}>
        <span />
        <span />
        <span />
        <em>node1</em>
      </div>
      <pre className={styles.screen}>
        <span className={styles.prompt}>$ </span>docker run hello-world{'\n'}
        <span className={styles.dim}>Unable to find image &apos;hello-world:latest&apos; locally{'\n'}</span>
        <span className={styles.dim}>latest: Pulling from library/hello-world{'\n'}</span>
        <span className={styles.dim}>Status: Downloaded newer image for hello-world:latest{'\n'}</span>
        {'\n'}
        <span className={styles.ok}>
          {greeting}
          {'\n'}
        </span>
        {'\n'}
        <span className={styles.prompt}>$ </span>docker ps -a{'\n'}
        <span className={styles.dim}>CONTAINER ID   IMAGE         STATUS{'\n'}</span>
        3f1c0a2b9d4e   hello-world   Exited (0){'\n'}
        <span className={styles.prompt}>$ </span>
        <span className={styles.cursor} />
      </pre>
    </div>
  );
}
