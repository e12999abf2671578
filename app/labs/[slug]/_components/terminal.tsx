'use client';

import '@xterm/xterm/css/xterm.css';
import { useImperativeHandle, useRef, type Ref } from 'react';
import { useDictionary } from '../../../_i18n/locale-provider';
import { useTerminalConnection } from '../_lib/use-terminal-connection';
import styles from './terminal.module.css';

export interface TerminalHandle {
  /** Types text into the shell; false when the terminal is not connected yet. */
  sendInput(text: string): boolean;
}

interface TerminalProps {
  sessionId: string;
  node: string;
  ref?: Ref<TerminalHandle>;
}

export function Terminal({ sessionId, node, ref }: TerminalProps) {
  const words = useDictionary().lab.terminal;
  const screenRef = useRef<HTMLDivElement>(null);
  const { state, notice, sendInput, reconnect } = useTerminalConnection(screenRef, sessionId, node);
  useImperativeHandle(ref, () => ({ sendInput }), [sendInput]);

  return (
    <section className={styles.terminal} data-testid="terminal" aria-label={words.label(node)}>
      <header className={styles.bar}>
        <span className={styles.node}>{node}</span>
        <span className={styles.hint}>{words.keys}</span>
        <span data-testid="terminal-status" className={`${styles.status} ${styles[state]}`} role="status">
          {words[state]}
        </span>
        {state === 'disconnected' && (
          <button type="button" className={styles.reconnect} onClick={reconnect}>
            {words.reconnect}
          </button>
        )}
      </header>
      {notice && <p className={styles.notice}>{notice}</p>}
      {/* Padding lives on the frame: the fit addon measures the screen's own box. */}
      <div className={styles.frame}>
        <div ref={screenRef} className={styles.screen} />
      </div>
    </section>
  );
}
