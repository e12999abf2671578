'use client';

import '@xterm/xterm/css/xterm.css';
import { useImperativeHandle, useRef, type Ref } from 'react';
import type { SessionEndedNotice } from '@/server/terminal/events';
import type { Dictionary } from '../../../_i18n/fr';
import { useDictionary } from '../../../_i18n/locale-provider';
import type { TerminalNotice } from '../_lib/terminal-connection';
import { useTerminalConnection } from '../_lib/use-terminal-connection';
import styles from './terminal.module.css';

export interface TerminalHandle {
  /** Types text into the shell; false when the terminal is not connected yet. */
  sendInput(text: string): boolean;
}

interface TerminalProps {
  sessionId: string;
  node: string;
  /** An instructor's live view of a student's terminal: read-only. */
  watch?: boolean;
  ref?: Ref<TerminalHandle>;
  /** The server ended, paused or restored the session (its machine went down…), with its words why. */
  onSessionEnded?: (notice: SessionEndedNotice) => void;
}

export function Terminal({ sessionId, node, watch = false, ref, onSessionEnded }: TerminalProps) {
  const words = useDictionary().lab.terminal;
  const screenRef = useRef<HTMLDivElement>(null);
  const { state, notice, watchers, sendInput, reconnect } = useTerminalConnection(screenRef, { sessionId, node, watch }, onSessionEnded);
  useImperativeHandle(ref, () => ({ sendInput }), [sendInput]);

  return (
    <section className={styles.terminal} data-testid="terminal" aria-label={watch ? words.labelReadOnly(node) : words.label(node)}>
      <header className={styles.bar}>
        <span className={styles.node}>{node}</span>
        <span className={styles.hint}>{watch ? words.keysReadOnly : words.keys}</span>
        <span data-testid="terminal-status" className={`${styles.status} ${styles[state]}`} role="status">
          {words[state]}
        </span>
        {state === 'disconnected' && (
          <button type="button" className={styles.reconnect} onClick={reconnect}>
            {words.reconnect}
          </button>
        )}
      </header>
      {watchers.length > 0 && (
        <p className={styles.watched} role="status" data-testid="watched-banner">
          <EyeIcon /> {words.watchedBy([...new Set(watchers)])}
        </p>
      )}
      {notice && <p className={styles.notice}>{noticeText(notice, words)}</p>}
      {/* Padding lives on the frame: the fit addon measures the screen's own box. */}
      <div className={watch ? `${styles.frame} ${styles.frameWatch}` : styles.frame}>
        <div ref={screenRef} className={styles.screen} />
      </div>
    </section>
  );
}

function noticeText(notice: TerminalNotice, words: Dictionary['lab']['terminal']): string {
  switch (notice.kind) {
    case 'retrying':
      return words.retrying;
    case 'shell-exited':
      return notice.watch ? words.studentShellExited : words.shellExited;
    case 'failed-to-start':
      return words.failedToStart(notice.reason);
    case 'message':
      return notice.text;
  }
}

/** Drawn, not an emoji: the machines Dockyard runs on often have no emoji font. */
function EyeIcon() {
  return (
    <svg className={styles.eye} viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
      <path d="M12 5C6.5 5 2.7 9.4 1.5 12c1.2 2.6 5 7 10.5 7s9.3-4.4 10.5-7C21.3 9.4 17.5 5 12 5Zm0 11.5a4.5 4.5 0 1 1 0-9 4.5 4.5 0 0 1 0 9Zm0-2.5a2 2 0 1 0 0-4 2 2 0 0 0 0 4Z" fill="currentColor" />
    </svg>
  );
}
