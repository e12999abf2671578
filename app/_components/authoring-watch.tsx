'use client';

/**
 * Authoring mode's part in the page (mounted by the root layout only then): listens to the
 * server's watcher (server/content/authoring). A save without errors re-renders the page's
 * server components in place (router.refresh(): a lab's terminal and its socket stay); a save
 * with errors shows them, file:line, over the page, and nothing reloads until they are fixed.
 */
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import type { Socket } from 'socket.io-client';
import { AUTHORING_EVENTS, AUTHORING_NAMESPACE, describeIssue, type AuthoringReport } from '@/server/content/authoring/authoring-events';
import { useDictionary } from '../_i18n/locale-provider';
import styles from './authoring-watch.module.css';
import alertStyles from './error-alert.module.css';

type Reports = Readonly<Record<string, AuthoringReport>>;

const errorsOf = (report: AuthoringReport) => report.issues.filter((issue) => issue.severity === 'error');
const hasErrors = (reports: Reports) => Object.values(reports).some((report) => errorsOf(report).length > 0);

/**
 * The page again, with the content now on disk. An error or « not found » page (the lesson was
 * invalid or missing when it was loaded) is loaded anew: Next keeps showing such a page
 * through a refresh, until the address changes.
 */
function reloadPage(router: ReturnType<typeof useRouter>): void {
  if (document.querySelector('[data-status-page]')) window.location.reload();
  else router.refresh();
}

export function AuthoringWatch() {
  const router = useRouter();
  const [reports, setReports] = useState<Reports>({});
  const [dismissed, setDismissed] = useState(false);
  // The socket's handlers outlive renders: they read the latest reports here.
  const latest = useRef<Reports>({});

  useEffect(() => {
    let socket: Socket | undefined;
    let disposed = false;
    const show = (next: Reports) => {
      latest.current = next;
      setReports(next);
      setDismissed(false);
    };
    void import('socket.io-client').then(({ io }) => {
      if (disposed) return;
      // A connection of its own (forceNew), apart from the terminal's, like the server's namespace.
      socket = io(AUTHORING_NAMESPACE, { path: '/socket.io', transports: ['websocket'], forceNew: true });
      let connectedBefore = false;
      socket.on(AUTHORING_EVENTS.state, (all: AuthoringReport[]) => {
        const next = Object.fromEntries(all.map((report) => [report.pack, report]));
        show(next);
        // Back after the server restarted: files may have changed meanwhile.
        if (connectedBefore && !hasErrors(next)) reloadPage(router);
        connectedBefore = true;
      });
      socket.on(AUTHORING_EVENTS.change, (report: AuthoringReport) => {
        const next = { ...latest.current, [report.pack]: report };
        show(next);
        if (!hasErrors(next)) reloadPage(router);
      });
    });
    return () => {
      disposed = true;
      socket?.disconnect();
    };
    // The app router's router is the same object for the page's life: connected once.
  }, [router]);

  const withErrors = Object.values(reports).filter((report) => errorsOf(report).length > 0);
  const visible = withErrors.length > 0 && !dismissed;

  useEffect(() => {
    if (!visible) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) setDismissed(true);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [visible]);

  if (!visible) return null;
  return <ErrorsOverlay reports={withErrors} onDismiss={() => setDismissed(true)} />;
}

function ErrorsOverlay({ reports, onDismiss }: { reports: AuthoringReport[]; onDismiss(): void }) {
  const words = useDictionary().authoring;
  const count = reports.reduce((total, report) => total + errorsOf(report).length, 0);
  return (
    <div className={styles.overlay} role="alert" aria-labelledby="auteur-erreurs-titre" data-testid="authoring-errors">
      <div className={styles.header}>
        <div>
          <h2 id="auteur-erreurs-titre" className={styles.title}>
            {words.title(count)}
          </h2>
          <p className={styles.explanation}>{words.explanation}</p>
        </div>
        <button type="button" className={alertStyles.close} onClick={onDismiss} aria-keyshortcuts="Escape">
          {words.dismiss}
        </button>
      </div>
      {reports.map((report) => (
        <section key={report.pack} aria-label={words.pack(report.pack)}>
          <h3 className={styles.pack}>{words.pack(report.pack)}</h3>
          <ul className={styles.issues}>
            {errorsOf(report).map((issue, index) => (
              <li key={index}>{describeIssue(issue)}</li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
