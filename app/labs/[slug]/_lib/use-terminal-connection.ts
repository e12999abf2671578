import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { useDictionary } from '../../../_i18n/locale-provider';
import { openTerminalConnection, type ConnectionState, type TerminalConnection } from './terminal-connection';

/** React face of a terminal connection: opened on mount, disposed on unmount or target change. */
export function useTerminalConnection(containerRef: RefObject<HTMLElement | null>, sessionId: string, node: string) {
  const { terminal } = useDictionary().lab;
  const [state, setState] = useState<ConnectionState>('connecting');
  const [notice, setNotice] = useState<string | null>(null);
  const connection = useRef<TerminalConnection | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let disposed = false;
    openTerminalConnection(container, { sessionId, node }, { onState: setState, onNotice: setNotice }).then(
      (opened) => {
        // Unmounted while xterm was loading (React's development double mount does this).
        if (disposed) return opened.dispose();
        connection.current = opened;
      },
      (error: unknown) => {
        if (disposed) return;
        setState('disconnected');
        setNotice(terminal.failedToStart(error instanceof Error ? error.message : String(error)));
      },
    );
    return () => {
      disposed = true;
      connection.current?.dispose();
      connection.current = null;
    };
    // Not `terminal`: switching the UI's language must not reconnect the shell.
  }, [containerRef, sessionId, node]);

  const sendInput = useCallback((text: string) => connection.current?.sendInput(text) ?? false, []);
  const reconnect = useCallback(() => connection.current?.reconnect(), []);

  return { state, notice, sendInput, reconnect };
}
