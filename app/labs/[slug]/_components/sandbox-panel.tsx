'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useState, type Ref } from 'react';
import type { PausedStorage } from '@/server/sessions/session-pauses';
import type { SessionEndedNotice } from '@/server/terminal/events';
import { useDictionary } from '../../../_i18n/locale-provider';
import { signInHref } from '../../../_lib/return-path';
import type { LabSessionState } from '../_lib/lab-session-state';
import { NodeTabs, shownNode } from './node-tabs';
import { PausedLab } from './paused-lab';
import { PortPreview } from './port-preview';
import styles from './sandbox-panel.module.css';
import { Terminal, type TerminalHandle } from './terminal';

interface SandboxPanelProps {
  state: LabSessionState;
  storage: PausedStorage | null;
  onStart(): void;
  onResume(): void;
  onEnd(): void;
  terminalRef: Ref<TerminalHandle>;
  /** The server ended, paused or restored the session while it was shown. */
  onSessionEnded(notice: SessionEndedNotice): void;
  /** Days the terminal's recording is kept (0: not recorded, nothing to tell). */
  recordingDays: number;
}

/**
 * The right-hand side: what the student's machines are doing, and their terminal once they
 * run. While they stop, start or go back to a step, a status says so instead of a terminal.
 */
export function SandboxPanel({ state, storage, onStart, onResume, onEnd, terminalRef, onSessionEnded, recordingDays }: SandboxPanelProps) {
  const [chosenNode, setChosenNode] = useState<string | null>(null);
  const pathname = usePathname();
  const { lab, account } = useDictionary();
  const words = lab.sandbox;

  // Focus goes to the paused panel when the lab is paused while shown, not when the page opens on it.
  const [seenPhase, setSeenPhase] = useState(state.phase);
  const [pausedWhileShown, setPausedWhileShown] = useState(false);
  if (seenPhase !== state.phase) {
    setSeenPhase(state.phase);
    setPausedWhileShown(state.phase === 'paused' && seenPhase !== 'loading');
  }

  const { session } = state;
  if (!session || state.phase === 'pausing' || state.phase === 'restoring' || session.state !== 'running') {
    return (
      <div className={styles.placeholder}>
        {state.phase === 'loading' && <Waiting title={words.looking} />}
        {state.phase === 'starting' && <Waiting title={words.preparing} detail={words.preparingDetail} />}
        {state.phase === 'pausing' && <Waiting title={words.pausing} detail={words.pausingDetail} />}
        {state.phase === 'restoring' && <Waiting title={lab.restore.restoring(state.step + 1)} detail={lab.restore.restoringDetail} />}
        {session?.state === 'paused' && (state.phase === 'paused' || state.phase === 'resuming' || state.phase === 'ending') && (
          <PausedLab
            session={session}
            storage={storage}
            notice={state.phase === 'paused' ? state.notice : null}
            busy={state.phase === 'paused' ? null : state.phase}
            takeFocus={pausedWhileShown}
            onResume={onResume}
            onEnd={onEnd}
          />
        )}
        {state.phase === 'idle' && (
          <div className={styles.card}>
            <h2>{words.idleTitle}</h2>
            <p>{words.idleText}</p>
            <button type="button" className="button button--primary" onClick={onStart}>
              {words.start}
            </button>
          </div>
        )}
        {state.phase === 'signed-out' && (
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
      {recordingDays > 0 && (
        <p className={styles.recordedNote} data-testid="recording-note">
          {words.recordedNote(recordingDays)} <Link href="/confidentialite">{words.privacyLink}</Link>
        </p>
      )}
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
