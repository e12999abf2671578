import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { SessionEndedNotice } from '@/server/terminal/events';
import {
  openTerminalConnection,
  type ConnectionState,
  type TerminalConnection,
  type TerminalNotice,
  type TerminalTarget,
} from './terminal-connection';

/**
 * React face of a terminal connection: opened on mount, disposed on unmount or target change.
 * `onSessionEnded`: the server ended, paused or restored the session (see terminal-connection.ts).
 */
export function useTerminalConnection(
  containerRef: RefObject<HTMLElement | null>,
  { sessionId, node, watch = false }: TerminalTarget,
  onSessionEnded?: (notice: SessionEndedNotice) => void,
) {
  const [state, setState] = useState<ConnectionState>('connecting');
  const [notice, setNotice] = useState<TerminalNotice | null>(null);
  const [watchers, setWatchers] = useState<string[]>([]);
  const connection = useRef<TerminalConnection | null>(null);
  // The latest callback, without reopening the connection when the parent passes a new one.
  const endedRef = useRef(onSessionEnded);
  useEffect(() => {
    endedRef.current = onSessionEnded;
  });

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let disposed = false;
    openTerminalConnection(container, { sessionId, node, watch }, {
      onState: setState,
      onNotice: setNotice,
      onWatchers: setWatchers,
      onSessionEnded: (notice) => endedRef.current?.(notice),
    }).then(
      (opened) => {
        // Unmounted while xterm was loading (React's development double mount does this).
        if (disposed) return opened.dispose();
        connection.current = opened;
      },
      (error: unknown) => {
        if (disposed) return;
        setState('disconnected');
        setNotice({ kind: 'failed-to-start', reason: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      disposed = true;
      connection.current?.dispose();
      connection.current = null;
    };
  }, [containerRef, sessionId, node, watch]);

  const sendInput = useCallback((text: string) => connection.current?.sendInput(text) ?? false, []);
  const reconnect = useCallback(() => connection.current?.reconnect(), []);

  return { state, notice, watchers, sendInput, reconnect };
}
