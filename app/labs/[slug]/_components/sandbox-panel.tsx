'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useState, type Ref } from 'react';
import { useDictionary } from '../../../_i18n/locale-provider';
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
  /** The server ended the session while it was shown (its machine went down…). */
  onSessionEnded(message: string): void;
}

/** The right-hand side: what the student's machine is doing, and its terminal once it runs. */
export function SandboxPanel({ phase, session, onStart, terminalRef, onSessionEnded }: SandboxPanelProps) {
  const [chosenNode, setChosenNode] = useState<string | null>(null);
  const pathname = usePathname();
  const { lab, account } = useDictionary();
  const words = lab.sandbox;

  if (!session) {
    return (
      <div className={styles.placeholder}>
        {phase === 'loading' && <Waiting title={words.looking} />}
        {phase === 'starting' && (
          <Waiting title={words.preparing} detail={words.preparingDetail} />
        )}
        {phase === 'idle' && (
          <div className={styles.card}>
            <h2>{words.idleTitle}</h2>
            <p>{words.idleText}</p>
            <button type="button" className="button button--primary" onClick={onStart}>
              {words.start}
            </button>
          </div>
        )}
        {phase === 'signed-out' && (
          <div className={styles.card}>
            <h2>{words.signedOutTitle}</h2>
            <p>{words.signedOutText}</p>
            <div className={styles.cardActions}>
              <Link className="button button--primary" href={signInHref(pathname)}>
                {account.signIn}
              </Link>
              <Link className="button button--secondary" href={signInHref(pathname, '/inscription')}>
                {account.signUp}
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
      <Terminal key={`${session.id}/${node}`} ref={terminalRef} sessionId={session.id} node={node} onSessionEnded={onSessionEnded} />
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
