'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useState, type Ref } from 'react';
import { signInHref } from '../../../_lib/return-path';
import type { SessionView } from '@/server/sessions/session-view';
import type { LabPhase } from '../_lib/use-lab-session';
import { NodeTabs, shownNode } from './node-tabs';
import { PortPreview } from './port-preview';
import styles from './sandbox-panel.module.css';
import { Terminal, type TerminalHandle } from './terminal';

interface SandboxPanelProps {
  phase: LabPhase;
  session: SessionView | null;
  onStart(): void;
  terminalRef: Ref<TerminalHandle>;
}

/** The right-hand side: what the student's machine is doing, and its terminal once it runs. */
export function SandboxPanel({ phase, session, onStart, terminalRef }: SandboxPanelProps) {
  const [chosenNode, setChosenNode] = useState<string | null>(null);
  const pathname = usePathname();

  if (!session) {
    return (
      <div className={styles.placeholder}>
        {phase === 'loading' && <Waiting title="Recherche de votre session…" />}
        {phase === 'starting' && (
          <Waiting title="Préparation de votre machine…" detail="Démarrage de Docker : cela peut prendre quelques secondes." />
        )}
        {phase === 'idle' && (
          <div className={styles.card}>
            <h2>Votre machine de lab</h2>
            <p>
              Démarrez le lab pour obtenir une machine avec Docker, rien qu’à vous, et un terminal pour la piloter.
              Elle sera supprimée quand vous terminerez le lab.
            </p>
            <button type="button" className="button button--primary" onClick={onStart}>
              Démarrer le lab
            </button>
          </div>
        )}
        {phase === 'signed-out' && (
          <div className={styles.card}>
            <h2>Connectez-vous pour démarrer ce lab</h2>
            <p>
              Votre machine avec Docker et vos vérifications sont rattachées à votre compte : vous les retrouvez d’un
              appareil à l’autre, et votre enseignant voit vos progrès.
            </p>
            <div className={styles.cardActions}>
              <Link className="button button--primary" href={signInHref(pathname)}>
                Se connecter
              </Link>
              <Link className="button button--secondary" href={signInHref(pathname, '/inscription')}>
                Créer un compte
              </Link>
            </div>
          </div>
        )}
      </div>
    );
  }

  // Only the visible node has a terminal: switching tabs reattaches and replays its screen.
  const node = shownNode(session.nodes, chosenNode);
  return (
    <div className={styles.running}>
      <div className={styles.bar}>
        <NodeTabs nodes={session.nodes} selected={node} onSelect={setChosenNode} />
        <PortPreview sessionId={session.id} node={node} />
      </div>
      <Terminal key={`${session.id}/${node}`} ref={terminalRef} sessionId={session.id} node={node} />
    </div>
  );
}

function Waiting({ title, detail }: { title: string; detail?: string }) {
  return (
    <div className={styles.waiting} role="status">
      <span className="spinner" aria-hidden="true" />
      <div>
        <p className={styles.waitingTitle}>{title}</p>
        {detail && <p className={styles.waitingDetail}>{detail}</p>}
      </div>
    </div>
  );
}
